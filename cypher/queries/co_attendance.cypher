// co_attendance: who attended events together with a person, and in how many events.
// Answers "co-attendance: who appears with whom, how often".
// Used by: Store.person_network (GET /people/{id}/network).
// Parameters:
//   $person_id  id of the Person
//   $offset, $limit  paging
// Returns one row (none for an unknown person): total and items [{id, name, weight}], where weight is
// the number of distinct events both have an ATTENDED relationship to (everyone present has one);
// by weight (highest first), name, id.
// Example (on the seed page, fixtures/):
//   :params {person_id: "person-91c702a59206", offset: 0, limit: 50}
MATCH (p:Person {id: $person_id})
CALL (p) {
  MATCH (p)-[:ATTENDED]->(e:Event)<-[:ATTENDED]-(o:Person)
  WHERE o <> p
  WITH o, count(DISTINCT e) AS weight
  RETURN collect({id: o.id, name: o.name, weight: weight}) AS rows
}
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.weight DESC, row.name, row.id SKIP toInteger($offset) LIMIT toInteger($limit) } AS items
