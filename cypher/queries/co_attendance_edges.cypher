// co_attendance_edges: the co-attendance network: every pair of people who had a role at the same
// events, and at how many; the events filtered by place and date range.
// Answers "who appears with whom, how often" for the whole graph: okg analyze, and
// GET /analytics/co-attendance, /analytics/centrality, /analytics/communities.
// Used by: Store.co_attendance_edges (graph/analytics.py computes centrality and communities on it).
// Parameters:
//   $role   ACCOMPANIED, ATTENDED, CHAIRED, GUIDED, INSPECTED or SPOKE_AT: both had it at the event
//           (the store sends ATTENDED when none is asked: everyone present has it)
//   $place  null, or the id of a Place: only events HELD_AT it or at a place inside it
//   $since, $until  null, or inclusive bounds (graph/dates.py): YYYY-MM-DD, for the events whose
//           year is known, or --MM-DD, the month and day of events of any year or none
// Returns rows a_id, a_name, b_id, b_name, weight (distinct events), a_id < b_id, by a_id, b_id.
// Example:
//   :params {role: "ATTENDED", place: null, since: "--03-28", until: null}
MATCH (e:Event)
WHERE ($place IS NULL
       OR EXISTS { MATCH (e)-[:HELD_AT]->(:Place)-[:LOCATED_IN*0..]->(:Place {id: $place}) })
  AND ($since IS NULL OR CASE WHEN $since STARTS WITH '--'
       THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) >= right($since, 5)
       ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date >= $since END)
  AND ($until IS NULL OR CASE WHEN $until STARTS WITH '--'
       THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) <= right($until, 5)
       ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date <= $until END)
CALL (e) {
  MATCH (p:Person)-[r:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e)
  WHERE type(r) = $role
  RETURN p
  UNION
  MATCH (p:Person)-[:INSPECTED {event: e.id}]->()
  WHERE $role = 'INSPECTED'
  RETURN p
}
WITH e, collect(DISTINCT p) AS people
UNWIND people AS a
UNWIND people AS b
WITH a, b, e
WHERE a.id < b.id
WITH a, b, count(DISTINCT e) AS weight
RETURN a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name, weight
ORDER BY a_id, b_id
