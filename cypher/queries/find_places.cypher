// find_places: places whose name contains $q (all when $q is null).
// Used by: Store.find_places (GET /places).
// Parameters:
//   $q  substring of the name, or null;  $offset, $limit  paging
// Returns one row: total and items [{id, name, kind}], by name then id.
// Example (on the seed page, fixtures/):
//   :params {q: "村", offset: 0, limit: 50}
MATCH (pl:Place)
WHERE $q IS NULL OR pl.name CONTAINS $q
WITH pl ORDER BY pl.name, pl.id
WITH collect(pl) AS matches
RETURN size(matches) AS total,
       [pl IN matches[toInteger($offset)..toInteger($offset + $limit)] | {id: pl.id, name: pl.name, kind: pl.kind}] AS items
