// position_holders: a post and everyone who held it, with when the articles show them in it.
// Answers "holders of a post over time" (graph/analytics.py reads successions from it).
// Used by: Store.position_holders (GET /analytics/posts/{id}/succession).
// Parameters:
//   $position_id  id of the Position
// Returns one row (none for an unknown id): id, name, title, agency, agency_id (as find_positions),
// holders [{id, name, first_seen, last_seen}], one per HOLDS relationship, by first_seen (undated
// last), last_seen (undated last), name, id.
// Example:
//   :params {position_id: "position-8dd8d851da15"}
MATCH (pos:Position {id: $position_id})
WITH pos, COLLECT { MATCH (pos)-[:OF]->(a:Agency) RETURN a ORDER BY a.name, a.id }[0] AS a
RETURN pos.id AS id, pos.name AS name, pos.title AS title, a.name AS agency, a.id AS agency_id,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(pos)
         RETURN {id: p.id, name: p.name, first_seen: h.first_seen, last_seen: h.last_seen} AS x
         ORDER BY x.first_seen, x.last_seen, x.name, x.id
       } AS holders
