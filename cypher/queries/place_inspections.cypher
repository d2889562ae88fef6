// place_inspections: inspections of a place and of everything inside it, directly or not (the places
// in it, and the agencies located there).
// Answers "inspections of a place and of the places inside it".
// Used by: Store.place_inspections and Store.place (GET /places/{id}, /places/{id}/inspections).
// Parameters:
//   $place_id  id of the Place
//   $offset, $limit  paging
// Returns one row (none for an unknown place): total and items, one per INSPECTED relationship:
// {person: {id, name}, target_id, target, target_kind (the place's kind, or "agency"), event_id, date,
// sources: [{article, evidence, start, end, rule}]}, by date (undated last), person name, person id,
// target name, target id, event id.
// Example (on the seed page, fixtures/):
//   :params {place_id: "place-140826", offset: 0, limit: 50}
MATCH (pl:Place {id: $place_id})
CALL (pl) {
  MATCH (t)-[:LOCATED_IN*0..]->(pl)
  WITH DISTINCT t
  MATCH (p:Person)-[r:INSPECTED]->(t)
  RETURN collect({
    person: {id: p.id, name: p.name},
    target_id: t.id, target: t.name,
    target_kind: CASE WHEN t:Place THEN t.kind ELSE 'agency' END,
    event_id: r.event, date: r.date,
    sources: [{article: r.article, evidence: r.evidence, start: r.start, end: r.end, rule: r.rule}]
  }) AS rows
}
RETURN size(rows) AS total,
       COLLECT {
         UNWIND rows AS row
         RETURN row ORDER BY row.date, row.person.name, row.person.id, row.target, row.target_id, row.event_id
         SKIP toInteger($offset) LIMIT toInteger($limit)
       } AS items
