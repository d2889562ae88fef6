// person_events: events a person took part in, with their roles; filtered by role, type and date range.
// Answers "events a person attended (by role, by date range)".
// Used by: Store.person_events (GET /people/{id}/events).
// Parameters:
//   $person_id  id of the Person
//   $role       null, or a role: ACCOMPANIED, ATTENDED, CHAIRED, GUIDED, INSPECTED or SPOKE_AT (the store
//              turns a facts.Role name into its type: SPOKE -> SPOKE_AT)
//   $type       null, or an event type: meeting, inspection, training, visit, other
//   $since, $until  null, or inclusive bounds (graph/dates.py): YYYY-MM-DD, for the events whose
//           year is known, or --MM-DD, the month and day of events of any year or none
//   $offset, $limit  paging
// Returns one row (none for an unknown person): total and items [{id, name, type, date, roles}],
// by date (undated last), name, id. With $since or $until, undated events are left out.
// Example (on the seed page, fixtures/):
//   :params {person_id: "person-7fbc97ee1521", role: "CHAIRED", type: null, since: "--03-01", until: "--03-31", offset: 0, limit: 50}
MATCH (p:Person {id: $person_id})
CALL (p) {
  CALL (p) {
    MATCH (p)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e:Event)
    RETURN e, type(r) AS role
    UNION
    MATCH (p)-[r:INSPECTED]->()
    MATCH (e:Event {id: r.event})
    RETURN e, 'INSPECTED' AS role
  }
  WITH e, collect(DISTINCT role) AS rs
  WITH e, [x IN ['ACCOMPANIED', 'ATTENDED', 'CHAIRED', 'GUIDED', 'INSPECTED', 'SPOKE_AT'] WHERE x IN rs] AS roles
  WHERE ($role IS NULL OR $role IN roles)
    AND ($type IS NULL OR e.type = $type)
    AND ($since IS NULL OR CASE WHEN $since STARTS WITH '--'
         THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) >= right($since, 5)
         ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date >= $since END)
    AND ($until IS NULL OR CASE WHEN $until STARTS WITH '--'
         THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) <= right($until, 5)
         ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date <= $until END)
  RETURN collect({id: e.id, name: e.name, type: e.type, date: e.date, roles: roles}) AS rows
}
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.date, row.name, row.id SKIP toInteger($offset) LIMIT toInteger($limit) } AS items
