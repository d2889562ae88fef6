// source_home: the home county recorded for earlier articles of each source (entity resolution: 县委 in
// a paper is the committee of its home county). One query answers a whole group of articles at load.
// Used by: Store.source_home, Store.load (once per group of articles, for all their sources).
// Parameters:
//   $sources  list of sources (file names, URLs) of articles
// Returns one row per source that has an Article with a home: source, id (the smallest id of its
// Articles that have a home) and home (that Article's home).
// Example (on the seed page, fixtures/):
//   :params {sources: ["000_04f34b3896c38351.txt", "fixtures/000_04f34b3896c38351.txt"]}
UNWIND $sources AS source
MATCH (a:Article {source: source})
WHERE a.home IS NOT NULL
WITH source, min(a.id) AS id
MATCH (first:Article {id: id})
RETURN source, id, first.home AS home
ORDER BY source
