package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * {@code ferry plan} on a small estate plans the {@code sp} graph too: its labels and relationship types
 * equal, key for key, hand-written Cypher over the same graph ({@code closure/graph/*.cypher} in
 * libs/planning's test resources); the foreign nodes are exactly the planted cross-tenant connection's
 * target and the planted cross-tenant guardian (a district-002 person the relational closure reports too,
 * who has a node because she has an account); the guardian is copied, the connection's target (whose row
 * stays in PROD) is not; the graph's people are exactly the relational closure's people that have a node.
 */
class PlanGraphIT {
    private static final Path CYPHER = Path.of("../planning/src/test/resources/closure/graph");

    private static Path estate;
    private static Path keys;
    private static JsonNode plan;
    private static String errText;
    private static int code;

    @BeforeAll
    static void planDistrictOne() throws IOException {
        estate = SharedEstate.small();
        keys = Files.createTempDirectory("plan-graph-keys-");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district",
                    "district-001", "--format", "json", "--keys-out", keys.toString());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        errText = err.toString(StandardCharsets.UTF_8);
        plan = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void graphLabelsAndTypesEqualTheHandWrittenCypherKeyForKey() throws IOException {
        assertThat(code).as(errText).isZero();
        assertThat(errText).doesNotContain("not planned yet");
        Map<String, Set<String>> expected = new TreeMap<>();
        Set<String> foreign = new TreeSet<>();
        try (Driver driver = driver(); Session session = driver.session()) {
            long districtId = session.run("MATCH (d:District {code: 'district-001'}) RETURN d.districtId AS id")
                    .single().get("id").asLong();
            List<String> owned = session.run(Files.readString(CYPHER.resolve("owned.cypher")),
                    Map.of("districtId", districtId)).list(r -> r.get("id").asString());
            session.run(Files.readString(CYPHER.resolve("closure.cypher")),
                    Map.of("districtId", districtId, "owned", owned, "copied", copiedRows())).forEachRemaining(r -> {
                        expected.computeIfAbsent(r.get("table").asString(), k -> new TreeSet<>()).add(r.get("key").asString());
                        if (!r.get("owned").asBoolean()) {
                            foreign.add(r.get("table").asString() + "[" + r.get("key").asString() + "]");
                        }
                    });
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JsonNode t : plan.get("tables")) {
            if (t.get("store").asText().equals("sp")) {
                String kind = t.get("kind").asText();
                assertThat(kind).isIn("label", "relationship");
                List<String> lines = keys("sp", t.get("table").asText());
                assertThat(lines).as(t.get("table").asText()).hasSize(t.get("rows").asInt());
                if (!lines.isEmpty()) {
                    actual.put(t.get("table").asText(), new TreeSet<>(lines));
                }
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((table, keys) -> assertThat(actual.get(table)).as(table).isEqualTo(keys));

        Set<String> reported = new TreeSet<>();
        plan.get("crossTenant").forEach(c -> {
            if (c.get("store").asText().equals("sp")) {
                reported.add(c.get("table").asText() + "[" + c.get("key").asText().replaceAll("^\\w+=", "") + "]");
            }
        });
        // reported: the copied foreign nodes, and the connection's target, which is left out with its row
        String target = planted("cross-tenant-connection").split(",")[1].split("=")[1];
        Set<String> leftOut = new TreeSet<>(reported);
        leftOut.removeAll(foreign);
        assertThat(reported).containsAll(foreign);
        assertThat(leftOut).containsExactly("label.Person[" + target + "]");
    }

    @Test
    void theForeignNodesAreThePlantedConnectionsAndGuardiansAndReportedWithTheirPaths() throws IOException {
        String[] ends = planted("cross-tenant-connection").split(",");
        String from = ends[0].substring("from.".length());
        String to = ends[1].substring("to.".length());
        String guardian = "personId=" + planted("cross-tenant-guardian").split(",")[0].split("=")[1];
        Map<String, JsonNode> graphRows = new TreeMap<>();
        plan.get("crossTenant").forEach(c -> {
            if (c.get("store").asText().equals("sp")) {
                graphRows.put(c.get("key").asText(), c);
            }
        });
        assertThat(graphRows.keySet()).containsExactlyInAnyOrder(to, guardian);
        assertThat(graphRows.get(guardian).get("path").toString()).contains("<-[:GUARDIAN_OF]- sp.label.Person[" + guardian + "]");
        // the guardian's node is foreign because her row is a cross-tenant row of the relational closure: same owner
        String guardianRow = "id=" + guardian.split("=")[1];
        List<String> rowOwners = new java.util.ArrayList<>();
        plan.get("crossTenant").forEach(c -> {
            if (c.get("store").asText().equals("ids") && c.get("key").asText().equals(guardianRow)) {
                rowOwners.add(c.get("owner").asText());
            }
        });
        assertThat(rowOwners).singleElement().isEqualTo(graphRows.get(guardian).get("owner").asText());
        JsonNode row = graphRows.get(to);
        assertThat(row.get("table").asText()).isEqualTo("label.Person");
        assertThat(row.get("key").asText()).isEqualTo(to);
        assertThat(row.get("owner").asText()).isEqualTo("district-002");
        List<String> path = new java.util.ArrayList<>();
        row.get("path").forEach(s -> path.add(s.asText()));
        assertThat(path.get(0)).startsWith("sp.label.District[districtId=");
        assertThat(path.get(path.size() - 2)).endsWith("sp.label.Person[" + from + "]");
        assertThat(path.get(path.size() - 1)).isEqualTo("-[:CONNECTED_TO]-> sp.label.Person[" + to + "]");
        // the target's row is not copied, so neither is its node nor the connection: it would dangle in CERT
        assertThat(keys("sp", "label.Person")).contains(guardian.split("=")[1]).doesNotContain(to.split("=")[1]);
        assertThat(keys("sp", "relationship.CONNECTED_TO")).doesNotContain(from.split("=")[1] + "," + to.split("=")[1]);
        assertThat(plan.get("loadOrder").toString()).contains("sp.label.Person", "sp.relationship.GUARDIAN_OF");
    }

    @Test
    void theGraphsPeopleAreTheRelationalClosuresPeopleThatHaveANode() throws IOException {
        Set<String> graphPeople = new HashSet<>(keys("sp", "label.Person"));
        Set<String> relational = new HashSet<>(keys("ids", "public.person"));
        Set<String> allNodes = new HashSet<>();
        try (Driver driver = driver(); Session session = driver.session()) {
            session.run("MATCH (p:Person) RETURN toString(p.personId) AS id").forEachRemaining(r -> allNodes.add(r.get("id").asString()));
        }
        Set<String> expected = new HashSet<>(relational);
        expected.retainAll(allNodes);
        Set<String> onlyInGraph = new HashSet<>(graphPeople);
        onlyInGraph.removeAll(expected);
        assertThat(expected).isNotEmpty();
        assertThat(graphPeople).containsAll(expected);
        assertThat(onlyInGraph).as("graph people outside the relational closure").isEmpty();
    }

    /** {@code Label:key} of every row the relational closure copies that a graph label links to. */
    private static List<String> copiedRows() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        Map<String, String> labels = Map.of("Person", "ids/public.person", "School", "ids/public.school",
                "District", "ids/public.district", "Class", "hcp1/public.section");
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String[] file = e.getValue().split("/");
            keys(file[0], file[1]).forEach(k -> out.add(e.getKey() + ":" + k));
        }
        return out;
    }

    /** The first key of district-001's planted feature of {@code kind}. */
    private static String planted(String kind) throws IOException {
        for (JsonNode p : new ObjectMapper().readTree(estate.resolve("planted.json").toFile()).get("planted")) {
            if (p.get("kind").asText().equals(kind) && p.get("district").asText().equals("district-001")) {
                return p.get("keys").get(0).asText();
            }
        }
        throw new AssertionError("nothing planted as " + kind);
    }

    private static List<String> keys(String store, String table) throws IOException {
        List<String> all = Files.readAllLines(keys.resolve(store).resolve(table + ".csv"));
        return all.subList(1, all.size());
    }

    private static Driver driver() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(estate.resolve("estate.properties"))) {
            p.load(r);
        }
        String user = p.getProperty("prod.sp.user");
        return GraphDatabase.driver(p.getProperty("prod.sp.url"), user == null ? AuthTokens.none()
                : AuthTokens.basic(user, p.getProperty("prod.sp.password", "")));
    }
}
