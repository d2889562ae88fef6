// find_events: events by type, participant, place, date range and words of their name.
// Used by: Store.find_events (GET /events).
// Parameters (each null for "any"):
//   $type    event type: meeting, inspection, training, visit, other
//   $person  id of a Person who took part (any role, inspections included)
//   $place   id of a Place where it was held, or a place inside it
//   $since, $until  null, or inclusive bounds (graph/dates.py): YYYY-MM-DD, for the events whose
//           year is known, or --MM-DD, the month and day of events of any year or none
//   $q       substring of the event's name
//   $offset, $limit  paging
// Returns one row: total and items [{id, name, type, date}], by date (undated last), name, id.
// Example (on the seed page, fixtures/):
//   :params {type: "meeting", person: null, place: null, since: "--03-01", until: "--03-31", q: "会议", offset: 0, limit: 50}
MATCH (e:Event)
WHERE ($type IS NULL OR e.type = $type)
  AND ($since IS NULL OR CASE WHEN $since STARTS WITH '--'
       THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) >= right($since, 5)
       ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date >= $since END)
  AND ($until IS NULL OR CASE WHEN $until STARTS WITH '--'
       THEN e.date =~ '([0-9][0-9][0-9][0-9]|-)-[0-9][0-9]-[0-9][0-9]' AND right(e.date, 5) <= right($until, 5)
       ELSE e.date =~ '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND e.date <= $until END)
  AND ($q IS NULL OR e.name CONTAINS $q)
  AND ($person IS NULL
       OR EXISTS { MATCH (:Person {id: $person})-[:ATTENDED|CHAIRED|SPOKE_AT|ACCOMPANIED|GUIDED]->(e) }
       OR EXISTS { MATCH (:Person {id: $person})-[r:INSPECTED]->() WHERE r.event = e.id })
  AND ($place IS NULL
       OR EXISTS { MATCH (e)-[:HELD_AT]->(:Place)-[:LOCATED_IN*0..]->(:Place {id: $place}) })
WITH e ORDER BY e.date, e.name, e.id
WITH collect(e) AS matches
RETURN size(matches) AS total,
       [e IN matches[toInteger($offset)..toInteger($offset + $limit)] | {id: e.id, name: e.name, type: e.type, date: e.date}] AS items
