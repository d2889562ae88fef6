// person: one person, how many events they took part in under each role, and how the person node
// was resolved (its `merges`: one JSON record per article mention that joined it).
// Used by: Store.person (GET /people/{id}); the positions come from person_positions.cypher.
// Parameters:
//   $person_id  id of the Person
// Returns one row (none for an unknown id): id, name, merges (JSON texts), event_counts [{role, events}]
// by role. Roles are the Person->Event relationship types, plus INSPECTED for the events of the
// person's inspections (INSPECTED {event} holds the event's id).
// Example (on the seed page, fixtures/):
//   :params {person_id: "person-91c702a59206"}
MATCH (p:Person {id: $person_id})
RETURN p.id AS id, p.name AS name, coalesce(p.merges, []) AS merges,
       COLLECT {
         CALL (p) {
           MATCH (p)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e:Event)
           RETURN type(r) AS role, e
           UNION
           MATCH (p)-[r:INSPECTED]->()
           MATCH (e:Event {id: r.event})
           RETURN 'INSPECTED' AS role, e
         }
         WITH role, count(DISTINCT e) AS events
         RETURN {role: role, events: events} AS x ORDER BY x.role
       } AS event_counts
