// person_participations: everyone at each event a person took part in, with their roles there.
// Answers "a person's ego network": who was with them where, in what role (GET /people/{id}/ego-network).
// Used by: Store.person_participations.
// Parameters:
//   $person_id  id of the Person
// Returns one row (none for an unknown person): rows [{event_id, id, name, roles}], one per event
// (any role of the person, inspections included) and participant (the person too), roles sorted;
// by event_id, name, id.
// Example:
//   :params {person_id: "person-91c702a59206"}
MATCH (me:Person {id: $person_id})
CALL (me) {
  CALL (me) {
    MATCH (me)-[:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e:Event)
    RETURN e
    UNION
    MATCH (me)-[r:INSPECTED]->()
    MATCH (e:Event {id: r.event})
    RETURN e
  }
  CALL (e) {
    MATCH (p:Person)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e)
    RETURN p, type(r) AS role
    UNION
    MATCH (p:Person)-[:INSPECTED {event: e.id}]->()
    RETURN p, 'INSPECTED' AS role
  }
  WITH e, p, collect(DISTINCT role) AS rs
  WITH e, p, [x IN ['ACCOMPANIED', 'ATTENDED', 'CHAIRED', 'GUIDED', 'INSPECTED', 'SPOKE_AT'] WHERE x IN rs] AS roles
  ORDER BY e.id, p.name, p.id
  RETURN collect({event_id: e.id, id: p.id, name: p.name, roles: roles}) AS rows
}
RETURN rows
