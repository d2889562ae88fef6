// person_candidates: the people already in the graph with one of the given names, for entity
// resolution (okg.graph.build asks before it writes an article).
// Used by: Store.person_candidates.
// Parameters:
//   $names  list of names
// Returns rows id, name, scopes, sources, titles, articles (empty lists when absent), by name, id.
// Example (on the seed page, fixtures/):
//   :params {names: ["解芳", "李翔"]}
UNWIND $names AS name
MATCH (p:Person {name: name})
RETURN DISTINCT p.id AS id, p.name AS name,
       coalesce(p.scopes, []) AS scopes, coalesce(p.sources, []) AS sources, coalesce(p.titles, []) AS titles,
       coalesce(p.articles, []) AS articles
ORDER BY name, id
