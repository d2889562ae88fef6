// person_ego: a person's ego network, to draw in Neo4j Browser: the person, the posts held, each event
// taken part in with the person's roles as relationships, the others at those events, and the places
// the person inspected, tied to the event of each inspection (the person ATTENDED it).
// For Neo4j Browser (style: cypher/okg.grass); the store does not run it.
// Parameters:
//   $person_id  id of the Person
//   $limit      at most this many events, the latest first (toInteger: Browser sends numbers as floats)
// Returns rows of one `path` each: (person)-[:HOLDS]->(post), (person)-[role]->(event) for every role,
// (event)<-[:ATTENDED]-(other), (person)-[:INSPECTED]->(target) for the inspections of those events.
// Example (on the seed page, fixtures/):
//   :params {person_id: "person-91c702a59206", limit: 25}
MATCH (p:Person {id: $person_id})
OPTIONAL MATCH (p)-[:ATTENDED]->(e:Event)
WITH p, e ORDER BY e.date DESC, e.id LIMIT toInteger($limit)
WITH p, collect(e) AS events
CALL (p, events) {
  MATCH path = (p)-[:HOLDS]->(:Position)
  RETURN path
  UNION
  UNWIND events AS e
  MATCH path = (p)-[:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e)
  RETURN path
  UNION
  UNWIND events AS e
  MATCH path = (e)<-[:ATTENDED]-(o:Person)
  WHERE o <> p
  RETURN path
  UNION
  UNWIND events AS e
  MATCH path = (p)-[r:INSPECTED]->()
  WHERE r.event = e.id
  RETURN path
}
RETURN path
