// person_positions: the positions a person held: one row per HOLDS relationship, with the position's
// title, its agency (via OF; the smallest by name, id when several), when the articles show it (first
// and last seen) and where (the `spans` of the HOLDS relationship, one JSON record per sighting).
// Answers "positions a person held".
// Used by: Store.person (GET /people/{id}).
// Parameters:
//   $person_id  id of the Person
// Returns rows position_id, title, agency, agency_id, first_seen, last_seen, spans (JSON texts),
// by first_seen (undated last), title, position_id.
// Example (on the seed page, fixtures/):
//   :params {person_id: "person-91c702a59206"}
MATCH (p:Person {id: $person_id})-[h:HOLDS]->(pos:Position)
WITH pos, h, COLLECT { MATCH (pos)-[:OF]->(a:Agency) RETURN a ORDER BY a.name, a.id }[0] AS a
RETURN pos.id AS position_id,
       pos.title AS title,
       a.name AS agency,
       a.id AS agency_id,
       h.first_seen AS first_seen,
       h.last_seen AS last_seen,
       coalesce(h.spans, []) AS spans
ORDER BY first_seen, title, position_id
