// place_graph: a place with its inspections, to draw in Neo4j Browser: the places that contain it (up
// to the province), and each inspection of it or of a place or agency inside it: who inspected what,
// the event of that inspection (the inspector ATTENDED it), and how the target lies inside the place.
// For Neo4j Browser (style: cypher/okg.grass); the store does not run it.
// Parameters:
//   $place_id  id of the Place
//   $limit     at most this many inspections, the latest first (toInteger: Browser sends numbers as floats)
// Returns rows of one `path` each: (place)-[:LOCATED_IN*]->(container),
// (event)<-[:ATTENDED]-(inspector)-[:INSPECTED]->(target), (target)-[:LOCATED_IN*]->(place).
// Example (on the seed page, fixtures/):
//   :params {place_id: "place-590635da25bf", limit: 50}
MATCH (pl:Place {id: $place_id})
CALL (pl) {
  MATCH path = (pl)-[:LOCATED_IN*1..]->(:Place)
  RETURN path
  UNION
  MATCH (t)-[:LOCATED_IN*0..]->(pl)
  WITH DISTINCT t
  MATCH (p:Person)-[r:INSPECTED]->(t)
  WITH p, r, t ORDER BY r.date DESC, r.key LIMIT toInteger($limit)
  MATCH (p)-[a:ATTENDED]->(e:Event {id: r.event})
  UNWIND [q = (e)<-[a]-(p)-[r]->(t) | q] + COLLECT { MATCH inside = (t)-[:LOCATED_IN*1..]->(pl) RETURN inside } AS path
  RETURN path
}
RETURN path
