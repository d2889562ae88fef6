// source_home: the home county recorded for earlier articles of a source (entity resolution: 县委 in
// a paper is the committee of its home county).
// Used by: Store.source_home.
// Parameters:
//   $source  the source (file name, URL) of the articles
// Returns at most one row: home, of the Article with this source that has one, smallest id first.
// Example:
//   :params {source: "000_04f34b3896c38351.txt"}
MATCH (a:Article {source: $source})
WHERE a.home IS NOT NULL
RETURN a.home AS home
ORDER BY a.id
LIMIT 1
