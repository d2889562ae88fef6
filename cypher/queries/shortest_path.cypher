// shortest_path: a shortest chain of relationships (any type, either direction) between two people.
// Among several equally short paths, the one whose list of node ids is smallest; each step says by
// which relationship type it was reached (the smallest type between the two nodes).
// Used by: Store.shortest_path (GET /paths?from=&to=).
// Parameters:
//   $from_id, $to_id  ids of two different Person nodes (Neo4j finds no path from a node to itself)
// Returns no row when either person is unknown; otherwise one row: found, nodes [{id, name, label}]
// and rels [type] along the path (both empty when there is none).
// Example (on the seed page, fixtures/):
//   :params {from_id: "person-91c702a59206", to_id: "person-5edb1a432a1e"}
MATCH (a:Person {id: $from_id}), (b:Person {id: $to_id})
OPTIONAL MATCH path = allShortestPaths((a)-[*]-(b))
WITH a, b, path
ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | type(r)]
LIMIT 1
RETURN path IS NOT NULL AS found,
       [n IN coalesce(nodes(path), []) | {
          id: n.id,
          name: n.name,
          label: [l IN labels(n) WHERE l IN ['Person', 'Position', 'Agency', 'Place', 'Event', 'Article']][0]
       }] AS nodes,
       [r IN coalesce(relationships(path), []) | type(r)] AS rels
