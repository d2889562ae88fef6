// export_relationships: every relationship with its endpoints' ids, type and properties (for exports:
// Store.to_networkx).
// Parameters: none.
// Returns one row per relationship: start, end, type, props (with its key).
// Example:
//   (no parameters)
MATCH (a)-[r]->(b)
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS props
ORDER BY start, end, type, props.key
