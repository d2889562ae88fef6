// find_agencies: agencies whose name contains $q (all when $q is null).
// Used by: Store.find_agencies (GET /agencies).
// Parameters:
//   $q  substring of the name, or null;  $offset, $limit  paging
// Returns one row: total and items [{id, name}], by name then id.
// Example (on the seed page, fixtures/):
//   :params {q: "县委", offset: 0, limit: 50}
MATCH (a:Agency)
WHERE $q IS NULL OR a.name CONTAINS $q
WITH a ORDER BY a.name, a.id
WITH collect(a) AS matches
RETURN size(matches) AS total,
       [a IN matches[toInteger($offset)..toInteger($offset + $limit)] | {id: a.id, name: a.name}] AS items
