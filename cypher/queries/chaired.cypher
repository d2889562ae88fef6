// chaired: who chaired what. With $person_id, the events that person chaired, with all the person's
// roles there (exactly person_events with role CHAIRED); without, every event someone CHAIRED, `roles`
// holding the sorted names of its chairs.
// Used by: Store.chaired (GET /chaired).
// Parameters:
//   $person_id  id of a Person, or null for everyone
//   $offset, $limit  paging
// Returns one row: total and items [{id, name, type, date, roles}], by date (undated last), name, id.
// Example (on the seed page, fixtures/):
//   :params {person_id: null, offset: 0, limit: 50}
MATCH (p:Person)-[:CHAIRED]->(e:Event)
WHERE $person_id IS NULL OR p.id = $person_id
WITH e, collect(DISTINCT p.name) AS chairs
WITH e, CASE WHEN $person_id IS NULL
          THEN COLLECT { UNWIND chairs AS c RETURN c ORDER BY c }
          ELSE [x IN ['ACCOMPANIED', 'ATTENDED', 'CHAIRED', 'GUIDED', 'INSPECTED', 'SPOKE_AT'] WHERE
                 CASE x
                   WHEN 'INSPECTED' THEN EXISTS { MATCH (:Person {id: $person_id})-[r:INSPECTED]->() WHERE r.event = e.id }
                   ELSE EXISTS { MATCH (:Person {id: $person_id})-[r]->(e) WHERE type(r) = x }
                 END]
        END AS roles
WITH collect({id: e.id, name: e.name, type: e.type, date: e.date, roles: roles}) AS rows
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.date, row.name, row.id SKIP toInteger($offset) LIMIT toInteger($limit) } AS items
