// export_nodes: every node with its labels and properties (for exports: Store.to_networkx).
// Parameters: none.
// Returns one row per node: id, labels, props.
// Example:
//   (no parameters)
MATCH (n) WHERE NOT n:Judgement  // the user's judgements are kept apart from the graph
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
