// article_ids: which of the given article node ids are already in the graph, and their texts (loading
// skips them, so loading an article twice changes nothing; another text under a loaded id is a conflict).
// Used by: Store.load.
// Parameters:
//   $ids  list of Article node ids
// Returns one row: ids, those of $ids that are loaded, and bodies, their texts in the same order.
// Example (on the seed page, fixtures/):
//   :params {ids: ["a934a43a0bfce5d15", "no-such-article"]}
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN collect(a.id) AS ids, collect(coalesce(a.body, "")) AS bodies
