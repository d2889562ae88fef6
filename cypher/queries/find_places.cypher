// find_places: places whose name contains $q (all when $q is null).
// Used by: Store.find_places (GET /places).
// Parameters:
//   $q  substring of the name, or null;  $offset, $limit  paging
// Returns one row: total and items [{id, name, kind}], by name then id.
// Example:
//   :params {q: "村", offset: 0, limit: 50}
MATCH (pl:Place)
WHERE $q IS NULL OR pl.name CONTAINS $q
WITH collect({id: pl.id, name: pl.name, kind: pl.kind}) AS rows
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.name, row.id SKIP $offset LIMIT $limit } AS items
