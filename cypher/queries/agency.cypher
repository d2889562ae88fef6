// agency: one agency with the agency it is part of, its parts and its place.
// Used by: Store.agency (GET /agencies/{id}); its positions and holders come from agency_positions.cypher.
// Parameters:
//   $agency_id  id of the Agency
// Returns one row (none for an unknown id): id, name, parent {id, name} or null (PART_OF target;
// the smallest by name, id when several), parts [{id, name}] (agencies PART_OF it, by name, id),
// place {id, name, kind} or null (LOCATED_IN target; smallest by name, id).
// Example (on the seed page, fixtures/):
//   :params {agency_id: "agency-ab83cd07bb7f"}
MATCH (a:Agency {id: $agency_id})
RETURN a.id AS id, a.name AS name,
       COLLECT { MATCH (a)-[:PART_OF]->(x:Agency) RETURN DISTINCT {id: x.id, name: x.name} AS x ORDER BY x.name, x.id }[0] AS parent,
       COLLECT { MATCH (x:Agency)-[:PART_OF]->(a) RETURN DISTINCT {id: x.id, name: x.name} AS x ORDER BY x.name, x.id } AS parts,
       COLLECT { MATCH (a)-[:LOCATED_IN]->(x:Place) RETURN DISTINCT {id: x.id, name: x.name, kind: x.kind} AS x ORDER BY x.name, x.id }[0] AS place
