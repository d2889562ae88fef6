// counts: how many nodes of each label and relationships of each type, read from Neo4j's count
// store (each COUNT below is one lookup, whatever the graph's size: GET /health asks this).
// The labels and types are those of graph/schema.toml (tests/test_neo4j_store.py checks that each is here).
// Used by: Store.counts (GET /health) and okg load's report.
// Parameters: none.
// Returns one row: nodes, relationships, labels [{label, n}], types [{type, n}], leaving out those with none.
// Example:
//   (no parameters)
RETURN COUNT { MATCH (n) } - COUNT { MATCH (:Judgement) } AS nodes,  // the user's judgements are not the graph
       COUNT { MATCH ()-[]->() } AS relationships,
       [x IN [
  {label: 'Person', n: COUNT { MATCH (:Person) }},
  {label: 'Position', n: COUNT { MATCH (:Position) }},
  {label: 'Agency', n: COUNT { MATCH (:Agency) }},
  {label: 'Place', n: COUNT { MATCH (:Place) }},
  {label: 'Event', n: COUNT { MATCH (:Event) }},
  {label: 'Article', n: COUNT { MATCH (:Article) }},
  {label: 'Province', n: COUNT { MATCH (:Province) }},
  {label: 'City', n: COUNT { MATCH (:City) }},
  {label: 'County', n: COUNT { MATCH (:County) }},
  {label: 'Town', n: COUNT { MATCH (:Town) }},
  {label: 'Village', n: COUNT { MATCH (:Village) }},
  {label: 'Venue', n: COUNT { MATCH (:Venue) }}
] WHERE x.n > 0] AS labels,
       [x IN [
  {type: 'HOLDS', n: COUNT { MATCH ()-[:HOLDS]->() }},
  {type: 'OF', n: COUNT { MATCH ()-[:OF]->() }},
  {type: 'PART_OF', n: COUNT { MATCH ()-[:PART_OF]->() }},
  {type: 'LOCATED_IN', n: COUNT { MATCH ()-[:LOCATED_IN]->() }},
  {type: 'ATTENDED', n: COUNT { MATCH ()-[:ATTENDED]->() }},
  {type: 'CHAIRED', n: COUNT { MATCH ()-[:CHAIRED]->() }},
  {type: 'SPOKE_AT', n: COUNT { MATCH ()-[:SPOKE_AT]->() }},
  {type: 'ACCOMPANIED', n: COUNT { MATCH ()-[:ACCOMPANIED]->() }},
  {type: 'GUIDED', n: COUNT { MATCH ()-[:GUIDED]->() }},
  {type: 'INSPECTED', n: COUNT { MATCH ()-[:INSPECTED]->() }},
  {type: 'HELD_AT', n: COUNT { MATCH ()-[:HELD_AT]->() }},
  {type: 'REPORTED_IN', n: COUNT { MATCH ()-[:REPORTED_IN]->() }},
  {type: 'WROTE', n: COUNT { MATCH ()-[:WROTE]->() }}
] WHERE x.n > 0] AS types
