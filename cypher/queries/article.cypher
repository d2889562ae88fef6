// article: one article with its body and the facts extracted from it (stored as JSON text).
// Used by: Store.article (GET /articles/{id}).
// Parameters:
//   $article_id  id of the Article
// Returns one row (none for an unknown id): id, title, date, source, body, facts (JSON text or null),
// authors [{id, name}] (WROTE).
// Example (on the seed page, fixtures/):
//   :params {article_id: "a934a43a0bfce5d15"}
MATCH (a:Article {id: $article_id})
RETURN a.id AS id, a.title AS title, a.date AS date, a.source AS source, a.body AS body, a.facts AS facts,
       COLLECT { MATCH (p:Person)-[:WROTE]->(a) RETURN DISTINCT {id: p.id, name: p.name} AS x ORDER BY x.name } AS authors
