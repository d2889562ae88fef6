// search: people, events, agencies, places and articles whose name (for articles: title) contains $q.
// Chinese queries go through the `names` full-text index (schema.cypher), where a quoted phrase of
// Han characters is a substring query; other text (Latin, digits, punctuation) is matched by scanning
// the names, since the index only finds whole words of it. Either way a hit's name contains $q.
// Used by: Store.search (GET /search).
// Parameters:
//   $q       the text to find, as typed (case-sensitive)
//   $phrase  $q as a quoted Lucene phrase, quote and backslash escaped (the store makes it): "\"解芳\""
//   $scan    false to use the index (all of $q is Han characters), true to scan the names
//   $offset, $limit  paging
// Returns one row: total and items [{kind, id, name, score}]: kind is the label in lower case, score
// 1.0 for an exact match, else size($q) / size(name); by score (highest first), kind, name, id.
// Example (on the seed page, fixtures/):
//   :params {q: "解芳", phrase: "\"解芳\"", scan: false, offset: 0, limit: 20}
CALL () {
  CALL db.index.fulltext.queryNodes('names', CASE WHEN $scan THEN '"okgnomatch"' ELSE $phrase END) YIELD node
  RETURN node
  UNION
  MATCH (node)
  WHERE $scan AND (node:Person OR node:Event OR node:Agency OR node:Place OR node:Article)
  RETURN node
}
WITH node,
     CASE WHEN node:Person THEN 'person' WHEN node:Event THEN 'event' WHEN node:Agency THEN 'agency'
          WHEN node:Place THEN 'place' ELSE 'article' END AS kind
WITH node, kind, CASE kind WHEN 'article' THEN node.title ELSE node.name END AS name
WHERE name CONTAINS $q
WITH collect({kind: kind, id: node.id, name: name,
              score: CASE WHEN name = $q THEN 1.0 ELSE toFloat(size($q)) / size(name) END}) AS rows
RETURN size(rows) AS total,
       COLLECT { UNWIND rows AS row RETURN row ORDER BY row.score DESC, row.kind, row.name, row.id SKIP toInteger($offset) LIMIT toInteger($limit) } AS items
