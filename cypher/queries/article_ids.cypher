// article_ids: which of the given article node ids are already in the graph (loading skips them, so
// loading an article twice changes nothing).
// Used by: Store.load.
// Parameters:
//   $ids  list of Article node ids
// Returns one row: ids, those of $ids that are loaded.
// Example (on the seed page, fixtures/):
//   :params {ids: ["a934a43a0bfce5d15", "no-such-article"]}
UNWIND $ids AS id
OPTIONAL MATCH (a:Article {id: id})
RETURN collect(a.id) AS ids
