// find_positions: posts (a title of an agency) whose name contains words, with how many held them.
// Answers "which posts are there" (okg analyze succession, GET /analytics/posts).
// Used by: Store.find_positions.
// Parameters:
//   $q  null, or a substring of the position's name (agency name + title, e.g. 绛县委书记)
//   $offset, $limit  paging
// Returns one row: total and items [{id, name, title, agency, agency_id, holders}], by name, id;
// agency: the smallest by name, id of the agencies it is OF; holders: people who HOLD it.
// Example:
//   :params {q: "书记", offset: 0, limit: 50}
MATCH (pos:Position)
WHERE $q IS NULL OR pos.name CONTAINS $q
WITH pos ORDER BY pos.name, pos.id
WITH collect(pos) AS matches
RETURN size(matches) AS total,
       [pos IN matches[$offset..($offset + $limit)] |
        {id: pos.id, name: pos.name, title: pos.title,
         agency: COLLECT { MATCH (pos)-[:OF]->(a:Agency) RETURN a.name ORDER BY a.name, a.id }[0],
         agency_id: COLLECT { MATCH (pos)-[:OF]->(a:Agency) RETURN a.id ORDER BY a.name, a.id }[0],
         holders: size(COLLECT { MATCH (p:Person)-[:HOLDS]->(pos) RETURN DISTINCT p.id })}] AS items
