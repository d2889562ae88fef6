// event_graph: an event with its participants, to draw in Neo4j Browser: each participant's roles as
// relationships, where it was held (and the place that holds the venue), the article that reports it,
// and what was inspected on it, tied to the event through the inspector (who ATTENDED it).
// For Neo4j Browser (style: cypher/okg.grass); the store does not run it.
// Parameters:
//   $event_id  id of the Event
// Returns rows of one `path` each: (event)<-[role]-(person) for every role, (event)-[:HELD_AT]->(venue)
// and on to the place containing it, (event)-[:REPORTED_IN]->(article),
// (event)<-[:ATTENDED]-(inspector)-[:INSPECTED]->(target) for the INSPECTED relationships of this event.
// Example (on the seed page, fixtures/):
//   :params {event_id: "event-1fe1cdd072ef29f4"}
MATCH (e:Event {id: $event_id})
CALL (e) {
  MATCH path = (e)<-[:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]-(:Person)
  RETURN path
  UNION
  MATCH path = (e)-[:REPORTED_IN]->(:Article)
  RETURN path
  UNION
  MATCH path = (e)-[:HELD_AT]->(:Place)-[:LOCATED_IN*0..1]->(:Place)
  RETURN path
  UNION
  MATCH path = (e)<-[:ATTENDED]-(:Person)-[r:INSPECTED]->()
  WHERE r.event = e.id
  RETURN path
}
RETURN path
