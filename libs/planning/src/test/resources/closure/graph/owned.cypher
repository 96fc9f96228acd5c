// The nodes a district owns in the sample estate's sp graph, written from the rules in docs/planning.md
// ("Graph stores"), not from the engine. Ownership here is the generator's own districtId property, which
// the engine never reads (it asks the relational closure). Owned: the District node, the schools PART_OF
// it, the classes HELD_AT them, the district's people MEMBER_OF / TEACHES / ENROLLED_IN those, and the
// district's people one GUARDIAN_OF / CONNECTED_TO step from them. Returns element ids.
MATCH (d:District {districtId: $districtId})
OPTIONAL MATCH (s:School)-[:PART_OF]->(d)
WITH d, collect(s) AS schools
OPTIONAL MATCH (c:Class)-[:HELD_AT]->(s) WHERE s IN schools
WITH d, schools, collect(c) AS classes
OPTIONAL MATCH (p:Person)-[:MEMBER_OF|TEACHES|ENROLLED_IN]->(x)
  WHERE (x IN schools OR x IN classes) AND p.districtId = $districtId
WITH d, schools, classes, collect(DISTINCT p) AS members
OPTIONAL MATCH (q:Person)-[:GUARDIAN_OF|CONNECTED_TO]-(m)
  WHERE m IN members AND q.districtId = $districtId
WITH d, schools, classes, members, collect(DISTINCT q) AS linked
WITH [d] + schools + classes + members + linked AS owned
UNWIND owned AS o
RETURN DISTINCT elementId(o) AS id
