// find_agencies: agencies whose name contains $q (all when $q is null).
// Used by: Store.find_agencies (GET /agencies).
// Parameters:
//   $q  substring of the name, or null;  $offset, $limit  paging
// Returns one row: total and items [{id, name}], by name then id.
// Example:
//   :params {q: "县委", offset: 0, limit: 50}
MATCH (a:Agency)
WHERE $q IS NULL OR a.name CONTAINS $q
WITH collect({id: a.id, name: a.name}) AS rows
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.name, row.id SKIP $offset LIMIT $limit } AS items
