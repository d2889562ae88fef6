// find_people: people whose name contains $q (all people when $q is null), with the titles they hold.
// Used by: Store.find_people (GET /people).
// Parameters:
//   $q       substring of the name, or null
//   $offset  rows to skip, $limit  rows to return
// Returns one row: total (matches before paging) and items [{id, name, titles}], by name then id.
// Example (on the seed page, fixtures/):
//   :params {q: "解", offset: 0, limit: 20}
MATCH (p:Person)
WHERE $q IS NULL OR p.name CONTAINS $q
WITH p ORDER BY p.name, p.id
WITH collect(p) AS matches
// only the page's people get their titles looked up
RETURN size(matches) AS total,
       [p IN matches[toInteger($offset)..toInteger($offset + $limit)] |
        {id: p.id, name: p.name,
         titles: COLLECT { MATCH (p)-[:HOLDS]->(pos:Position) RETURN DISTINCT pos.name ORDER BY pos.name }}] AS items
