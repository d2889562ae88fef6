// event: one event with its participants by role, venues, inspections, article and provenance.
// Used by: Store.event (GET /events/{id}).
// Parameters:
//   $event_id  id of the Event
// Returns one row (none for an unknown id): id, name, type, date;
//   participants [{role, id, name}]: the Person->Event relationships (INSPECTED comes from `inspected`);
//   venues [{id, name, kind}]: HELD_AT places by name, id;
//   inspected: one per INSPECTED relationship whose `event` is this event, as in place_inspections;
//   article: the event's `article` property; spans: its evidence spans (JSON texts), in stored order.
// Example (on the seed page, fixtures/):
//   :params {event_id: "event-497a9f173065ac7e"}
MATCH (e:Event {id: $event_id})
RETURN e.id AS id, e.name AS name, e.type AS type, e.date AS date,
       COLLECT {
         MATCH (p:Person)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e)
         RETURN DISTINCT {role: type(r), id: p.id, name: p.name} AS x ORDER BY x.role, x.name, x.id
       } AS participants,
       COLLECT {
         MATCH (e)-[:HELD_AT]->(pl:Place)
         RETURN DISTINCT {id: pl.id, name: pl.name, kind: pl.kind} AS x ORDER BY x.name, x.id
       } AS venues,
       COLLECT {
         MATCH (p:Person)-[r:INSPECTED {event: e.id}]->(t)
         RETURN {person: {id: p.id, name: p.name}, target_id: t.id, target: t.name,
                 target_kind: CASE WHEN t:Place THEN t.kind ELSE 'agency' END,
                 event_id: r.event, date: r.date,
                 sources: [{article: r.article, evidence: r.evidence, start: r.start, end: r.end, rule: r.rule}]} AS x
         ORDER BY x.date, x.person.name, x.person.id, x.target, x.target_id, x.event_id
       } AS inspected,
       e.article AS article,
       coalesce(e.spans, []) AS spans
