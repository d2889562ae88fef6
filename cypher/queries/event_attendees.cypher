// event_attendees: the people at an event with their roles; with $role, only those with that role.
// Answers "attendees of an event by role".
// Used by: Store.event_attendees (GET /events/{id}/attendees).
// Parameters:
//   $event_id  id of the Event
//   $role      null, or a role: ACCOMPANIED, ATTENDED, CHAIRED, GUIDED, INSPECTED or SPOKE_AT (the store
//              turns a facts.Role name into its type: SPOKE -> SPOKE_AT)
//   $offset, $limit  paging
// Returns one row (none for an unknown event): total and items [{id, name, roles}], by name then id.
// Example (on the seed page, fixtures/):
//   :params {event_id: "event-497a9f173065ac7e", role: "ATTENDED", offset: 0, limit: 100}
MATCH (e:Event {id: $event_id})
CALL (e) {
  CALL (e) {
    MATCH (p:Person)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e)
    RETURN p, type(r) AS role
    UNION
    MATCH (p:Person)-[r:INSPECTED]->()
    WHERE r.event = e.id
    RETURN p, 'INSPECTED' AS role
  }
  WITH p, collect(DISTINCT role) AS rs
  WITH p, [x IN ['ACCOMPANIED', 'ATTENDED', 'CHAIRED', 'GUIDED', 'INSPECTED', 'SPOKE_AT'] WHERE x IN rs] AS roles
  WHERE $role IS NULL OR $role IN roles
  RETURN collect({id: p.id, name: p.name, roles: roles}) AS rows
}
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.name, row.id SKIP toInteger($offset) LIMIT toInteger($limit) } AS items
