// The closure around the owned nodes ($owned, element ids): every owned node, every node of another
// district one followed step from an owned node whose linked row the relational closure copies ($copied,
// 'Label:key'; foreign: copied, never expanded; a node whose row stays in PROD is left out), and every
// followed relationship between two nodes of the closure with an owned end. Keys as the plan writes them: the
// label's unique key property; a relationship's start and end keys.
UNWIND $owned AS id
MATCH (o) WHERE elementId(o) = id
OPTIONAL MATCH (o)-[r:PART_OF|MEMBER_OF|HELD_AT|TEACHES|ENROLLED_IN|GUARDIAN_OF|CONNECTED_TO]-(m)
  WHERE elementId(m) IN $owned OR (m.districtId <> $districtId
        AND labels(m)[0] + ':' + toString(coalesce(m.personId, m.sectionId, m.schoolId, m.districtId)) IN $copied)
WITH o, r, m, elementId(m) IN $owned AS mOwned
UNWIND [[o, true], [m, mOwned]] AS pair
WITH r, pair[0] AS n, pair[1] AS owned WHERE n IS NOT NULL
WITH collect(DISTINCT {table: 'label.' + labels(n)[0],
                       key: toString(coalesce(n.personId, n.sectionId, n.schoolId, n.districtId)),
                       owned: owned}) AS nodes,
     collect(DISTINCT r) AS rels
UNWIND nodes AS node
RETURN node.table AS table, node.key AS key, node.owned AS owned
UNION
UNWIND $owned AS id
MATCH (o) WHERE elementId(o) = id
MATCH (o)-[r:PART_OF|MEMBER_OF|HELD_AT|TEACHES|ENROLLED_IN|GUARDIAN_OF|CONNECTED_TO]-(m)
  WHERE elementId(m) IN $owned OR (m.districtId <> $districtId
        AND labels(m)[0] + ':' + toString(coalesce(m.personId, m.sectionId, m.schoolId, m.districtId)) IN $copied)
WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b
RETURN 'relationship.' + type(r) AS table,
       toString(coalesce(a.personId, a.sectionId, a.schoolId, a.districtId)) + ','
         + toString(coalesce(b.personId, b.sectionId, b.schoolId, b.districtId)) AS key,
       true AS owned
