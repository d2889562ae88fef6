// counts: how many nodes of each label and relationships of each type.
// Used by: Store.counts and okg load's report.
// Parameters: none.
// Returns one row: nodes, relationships, labels [{label, n}], types [{type, n}].
// Example:
//   (no parameters)
CALL () { MATCH (n) WHERE NOT n:Judgement RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (n) WHERE NOT n:Judgement UNWIND labels(n) AS label WITH label, count(*) AS n RETURN collect({label: label, n: n}) AS labels }
CALL () { MATCH ()-[r]->() WITH type(r) AS type, count(*) AS n RETURN collect({type: type, n: n}) AS types }
RETURN nodes, relationships, labels, types
