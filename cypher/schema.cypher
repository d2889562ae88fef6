// okg graph schema for Neo4j 5: applied by okg.graph.neo4j_store on every connect.
// Every statement is idempotent (IF NOT EXISTS, IF EXISTS), so applying it again changes nothing.
//
// The labels and relationship types are those of graph/schema.toml: the first part is exactly what
// okg.graph.schema.SCHEMA.constraint_statements() makes from it (tests/test_neo4j_store.py checks that
// every one of those statements is here), the second part adds the lookups the saved queries make.
//
// Paste it whole into Neo4j Browser (multi-statement editor) or run: cypher-shell -f cypher/schema.cypher

// --- one node per id, and name lookups, for each node label -----------------------------------------
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE CONSTRAINT position_id IF NOT EXISTS FOR (n:Position) REQUIRE n.id IS UNIQUE;
CREATE INDEX position_name IF NOT EXISTS FOR (n:Position) ON (n.name);
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE INDEX article_name IF NOT EXISTS FOR (n:Article) ON (n.name);

// --- retired: the relationship key indexes of okg 0.1 ---------------------------------------------------
// A relationship is only ever found between its two endpoints (MERGE expands the one with fewer
// relationships), so they only cost an index entry per relationship written and could lead the
// planner into scanning them; okg.graph.schema.retired_index_statements() makes these lines.
DROP INDEX rel_holds_key IF EXISTS;
DROP INDEX rel_of_key IF EXISTS;
DROP INDEX rel_part_of_key IF EXISTS;
DROP INDEX rel_located_in_key IF EXISTS;
DROP INDEX rel_attended_key IF EXISTS;
DROP INDEX rel_chaired_key IF EXISTS;
DROP INDEX rel_spoke_at_key IF EXISTS;
DROP INDEX rel_accompanied_key IF EXISTS;
DROP INDEX rel_guided_key IF EXISTS;
DROP INDEX rel_inspected_key IF EXISTS;
DROP INDEX rel_held_at_key IF EXISTS;
DROP INDEX rel_reported_in_key IF EXISTS;
DROP INDEX rel_wrote_key IF EXISTS;

// --- full-text search over names (search.cypher) ---------------------------------------------------
// Neo4j's default analyzer (standard-no-stop-words) makes one token of every Han character, so a
// quoted phrase of Chinese finds a substring of a name; search.cypher keeps names that contain it.
CREATE FULLTEXT INDEX names IF NOT EXISTS FOR (n:Person|Agency|Place|Event|Article) ON EACH [n.name, n.title];

// --- lookups of the saved queries --------------------------------------------------------------------
CREATE INDEX position_title IF NOT EXISTS FOR (n:Position) ON (n.title);
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.date);
// an inspection points at its event by id: INSPECTED {event}
CREATE INDEX rel_inspected_event IF NOT EXISTS FOR ()-[r:INSPECTED]-() ON (r.event);
// entity resolution: the home county of a source's articles (source_home.cypher)
CREATE INDEX article_source IF NOT EXISTS FOR (n:Article) ON (n.source);
