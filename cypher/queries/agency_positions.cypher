// agency_positions: the positions of an agency and who holds them.
// Answers "holders of positions in an agency".
// Used by: Store.agency (GET /agencies/{id}).
// Parameters:
//   $agency_id  id of the Agency
// Returns one row per Position OF the agency: position_id, title, holders [{id, name}] (the people
// who HOLD it, by name, id); by title, position_id.
// Example (on the seed page, fixtures/):
//   :params {agency_id: "agency-ab83cd07bb7f"}
MATCH (a:Agency {id: $agency_id})<-[:OF]-(pos:Position)
WITH DISTINCT pos
RETURN pos.id AS position_id,
       pos.title AS title,
       COLLECT { MATCH (p:Person)-[:HOLDS]->(pos) RETURN DISTINCT {id: p.id, name: p.name} AS x ORDER BY x.name, x.id } AS holders
ORDER BY title, position_id
