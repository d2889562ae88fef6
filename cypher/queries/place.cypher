// place: one place with the place that contains it, the places directly inside it and the events
// held there. Inspections of it and of everything inside it come from place_inspections.cypher.
// Used by: Store.place (GET /places/{id}).
// Parameters:
//   $place_id  id of the Place
// Returns one row (none for an unknown id): id, name, kind, parent {id, name, kind} or null (the
// smallest by name, id when several), places_inside [{id, name, kind}] by name, id, and events
// [{id, name, type, date}] held directly there, by date (undated last), name, id.
// Example (on the seed page, fixtures/):
//   :params {place_id: "place-140826"}
MATCH (pl:Place {id: $place_id})
RETURN pl.id AS id, pl.name AS name, pl.kind AS kind,
       COLLECT { MATCH (pl)-[:LOCATED_IN]->(x:Place) RETURN DISTINCT {id: x.id, name: x.name, kind: x.kind} AS x ORDER BY x.name, x.id }[0] AS parent,
       COLLECT {
         MATCH (x:Place)-[:LOCATED_IN]->(pl)
         RETURN DISTINCT {id: x.id, name: x.name, kind: x.kind} AS x ORDER BY x.name, x.id
       } AS places_inside,
       COLLECT {
         MATCH (e:Event)-[:HELD_AT]->(pl)
         RETURN DISTINCT {id: e.id, name: e.name, type: e.type, date: e.date} AS x ORDER BY x.date, x.name, x.id
       } AS events
