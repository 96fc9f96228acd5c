package io.ferry.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.estate.Credentials;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.graph.Cycle;
import io.ferry.schema.graph.CycleKind;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The small sample estate: every planted schema feature is seen, and PROD works as a hot standby. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleEstateIntrospectionIT {

    static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb");

    EstateServers servers;
    EstateSchema estate;
    DependencyGraph graph;

    @BeforeAll
    void generate() throws Exception {
        servers = new EstateServers(PostgresServer.startTemporary(), PostgresServer.startTemporary(),
                Neo4jServer.startTemporary(), Neo4jServer.startTemporary());
        SampleEstate.generate(servers, new EstateOptions(Preset.SMALL, 1L, Instant.parse("2025-03-14T12:00:00Z"),
                new Credentials("ferry_reader", "reader-secret", "ferry_writer", "writer-secret")));
        List<StoreSchema> stores = new ArrayList<>();
        for (String store : STORES) {
            try (Connection c = servers.prodPg().connect(store)) {
                stores.add(new PostgresIntrospector().introspect(c, store, List.of("public")));
            }
        }
        stores.add(new Neo4jIntrospector().introspect(servers.prodSp().driver(), "sp"));
        estate = new EstateSchema(stores, List.of());
        graph = DependencyGraph.of(estate);
    }

    @AfterAll
    void stop() {
        servers.close();
    }

    Table table(String store, String name) {
        return estate.table(new TableId(store, "public", name)).orElseThrow();
    }

    Reference reference(String name) {
        return estate.references().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void compositeKeysAndSelfReferences() {
        assertThat(table("hcp1", "academic_session").primaryKey().columns()).containsExactly("district_id", "session_code");
        assertThat(reference("section_session_fkey").composite()).isTrue();
        assertThat(graph.cycles()).filteredOn(c -> c.kind() == CycleKind.SELF_REFERENCE)
                .extracting(c -> c.tables().get(0).toString())
                .containsExactly("hcp1.public.academic_session", "hcp1.public.course");
        // school's own parent chain lies inside the school/person cycle and is broken there
        assertThat(cycle("ids", "school").breaks()).extracting(b -> b.reference().name())
                .contains("school_parent_school_id_fkey");
    }

    @Test
    void theThreePlantedCyclesAreClassifiedAndBroken() {
        Cycle nullable = cycle("ids", "school");
        assertThat(nullable.kind()).isEqualTo(CycleKind.NULLABLE);
        assertThat(nullable.breaks()).extracting(b -> b.reference().name()).contains("school_principal_id_fkey");
        Cycle deferrable = cycle("hcp2", "gradebook");
        assertThat(deferrable.kind()).isEqualTo(CycleKind.DEFERRABLE);
        assertThat(deferrable.tables()).extracting(TableId::name).containsExactly("gradebook", "grading_period");
        Cycle notNull = cycle("hcp2", "rubric");
        assertThat(notNull.kind()).isEqualTo(CycleKind.NOT_NULL);
        assertThat(notNull.tables()).extracting(TableId::name).containsExactly("rubric", "rubric_criterion");
    }

    Cycle cycle(String store, String table) {
        return graph.cycles().stream().filter(c -> c.tables().size() > 1
                && c.tables().contains(new TableId(store, "public", table))).findFirst().orElseThrow();
    }

    @Test
    void partitionedGeneratedIdentityNoKeyMixedCaseAndTypes() {
        Table attendance = table("hcp2", "attendance");
        assertThat(attendance.kind()).isEqualTo(TableKind.PARTITIONED);
        assertThat(attendance.partitions()).hasSize(3).contains("public.attendance_default");
        assertThat(attendance.rowEstimate()).isPositive();
        assertThat(table("hcp2", "grade").column("percent").orElseThrow().generation()).isEqualTo(Column.Generation.STORED);
        assertThat(table("ids", "person").column("id").orElseThrow().generation()).isEqualTo(Column.Generation.IDENTITY_ALWAYS);
        assertThat(table("adb", "daily_usage").primaryKey()).isNull();
        Table mixed = table("hcp2", "AssessmentResult");
        assertThat(mixed.primaryKey().columns()).containsExactly("resultId");
        assertThat(mixed.id().toString()).isEqualTo("hcp2.public.\"AssessmentResult\"");
        Table person = table("ids", "person");
        assertThat(person.column("kind").orElseThrow().type()).isEqualTo("person_kind");
        assertThat(person.column("contact_info").orElseThrow().type()).isEqualTo("jsonb");
        assertThat(table("ids", "user_account").column("roles").orElseThrow().type()).isEqualTo("text[]");
        assertThat(table("ids", "school").checks()).isNotNull();
    }

    @Test
    void theGraphStoreHasLabelsRelationshipsAndEndpoints() {
        StoreSchema sp = estate.store("sp").orElseThrow();
        assertThat(sp.tables()).filteredOn(t -> t.kind() == TableKind.LABEL).extracting(t -> t.id().name())
                .contains("Class", "District", "Person", "School");
        assertThat(sp.tables()).filteredOn(t -> t.kind() == TableKind.RELATIONSHIP).extracting(t -> t.id().name())
                .contains("ENROLLED_IN", "GUARDIAN_OF", "CONNECTED_TO", "TEACHES");
        assertThat(sp.table(new TableId("sp", TableId.LABELS, "Person")).orElseThrow().uniqueKeys())
                .anyMatch(k -> k.columns().equals(List.of("personId")));
        assertThat(sp.references()).anyMatch(r -> r.from().name().equals("ENROLLED_IN") && r.to().name().equals("Class")
                && r.fromColumns().equals(List.of(Neo4jIntrospector.END)));
        assertThat(graph.loadOrder("sp").get(0).tables().get(0).schema()).isEqualTo(TableId.LABELS);
    }

    /**
     * The counts and endpoints the introspector reads in a few combined queries are each what a query of its own
     * answers: every label's and type's count, and a {@code TYPE.start} / {@code TYPE.end} reference exactly where
     * relationships of the type start or end at nodes of the label (more patterns than one query takes).
     */
    @Test
    void graphCountsAndEndpointsEqualAQueryPerPattern() {
        StoreSchema sp = estate.store("sp").orElseThrow();
        List<String> expected = new ArrayList<>();
        try (org.neo4j.driver.Session session = servers.prodSp().driver().session()) {
            java.util.function.Function<String, Long> count = q -> session.run(q).single().get(0).asLong();
            List<Table> labels = sp.tables().stream().filter(t -> t.kind() == TableKind.LABEL).toList();
            for (Table t : sp.tables()) {
                String name = "`" + t.id().name() + "`";
                assertThat(t.rowEstimate()).as(t.id().toString()).isEqualTo(t.kind() == TableKind.LABEL
                        ? count.apply("MATCH (n:" + name + ") RETURN count(n)")
                        : count.apply("MATCH ()-[r:" + name + "]->() RETURN count(r)"));
                if (t.kind() != TableKind.RELATIONSHIP) {
                    continue;
                }
                for (Table l : labels) {
                    String label = "`" + l.id().name() + "`";
                    if (count.apply("MATCH (:" + label + ")-[r:" + name + "]->() RETURN count(r)") > 0) {
                        expected.add(t.id().name() + ".start -> " + l.id().name());
                    }
                    if (count.apply("MATCH ()-[r:" + name + "]->(:" + label + ") RETURN count(r)") > 0) {
                        expected.add(t.id().name() + ".end -> " + l.id().name());
                    }
                }
            }
            assertThat(labels.size() + (sp.tables().size() - labels.size()) * (1 + 2 * labels.size()))
                    .isGreaterThan(Neo4jIntrospector.COUNTS_PER_QUERY);
        }
        assertThat(sp.references()).extracting(r -> r.name() + " -> " + r.to().name())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The count queries read the count store: no operator of theirs walks nodes or relationships. */
    @Test
    void graphCountsComeFromTheCountStore() {
        List<String> patterns = List.of("MATCH (n:`Person`)", "MATCH ()-[r:`ENROLLED_IN`]->()",
                "MATCH (:`Person`)-[r:`ENROLLED_IN`]->()", "MATCH ()-[r:`ENROLLED_IN`]->(:`Class`)");
        try (org.neo4j.driver.Session session = servers.prodSp().driver().session()) {
            for (String query : Neo4jIntrospector.countQueries(patterns)) {
                List<String> operators = new ArrayList<>();
                collect(session.run("EXPLAIN " + query).consume().plan(), operators);
                assertThat(operators).as(query).anyMatch(o -> o.contains("CountFromCountStore"))
                        .noneMatch(o -> o.contains("Scan") || o.contains("Expand") || o.contains("Seek"));
            }
            // and count what the patterns match
            assertThat(session.run(Neo4jIntrospector.countQueries(patterns).get(0)).list(r -> r.get("n").asLong()))
                    .containsExactlyInAnyOrderElementsOf(patterns.stream().map(p -> session.run(p
                            + " RETURN count(*)").single().get(0).asLong()).toList());
        }
    }

    private static void collect(org.neo4j.driver.summary.Plan plan, List<String> operators) {
        operators.add(plan.operatorType());
        plan.children().forEach(c -> collect(c, operators));
    }

    /**
     * A graph's load fingerprint covers its constraints only: nodes of a new label (what another district's load
     * adds) change the introspected schema's fingerprint but not it; a new constraint changes it.
     */
    @Test
    void aGraphsConstraintsFingerprintIgnoresDataAndFollowsConstraints() {
        org.neo4j.driver.Driver cert = servers.certSp().driver();
        Neo4jIntrospector introspector = new Neo4jIntrospector();
        String constraints = introspector.constraintsFingerprint(cert, "sp");
        String whole = introspector.introspect(cert, "sp").fingerprint();
        try (org.neo4j.driver.Session session = cert.session()) {
            session.run("CREATE (:FingerprintProbe {probeId: 1, note: 'a'})-[:PROBES]->(:FingerprintProbe {probeId: 2})")
                    .consume();
            assertThat(introspector.introspect(cert, "sp").fingerprint()).isNotEqualTo(whole);
            assertThat(introspector.constraintsFingerprint(cert, "sp")).isEqualTo(constraints);
            session.run("CREATE CONSTRAINT fingerprint_probe FOR (n:FingerprintProbe) REQUIRE n.probeId IS UNIQUE")
                    .consume();
            assertThat(introspector.constraintsFingerprint(cert, "sp")).isNotEqualTo(constraints);
        } finally {
            try (org.neo4j.driver.Session session = cert.session()) {
                session.run("DROP CONSTRAINT fingerprint_probe IF EXISTS").consume();
                session.run("MATCH (n:FingerprintProbe) DETACH DELETE n").consume();
            }
        }
        assertThat(introspector.constraintsFingerprint(cert, "sp")).isEqualTo(constraints);
    }

    @Test
    void introspectsProdAsAHotStandbyWithTheSameFingerprint() throws Exception {
        servers.prodPg().restartAsStandby();
        try (Connection c = servers.prodPg().connect("hcp2", "ferry_reader", "reader-secret")) {
            c.setReadOnly(true);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            StoreSchema again = new PostgresIntrospector().introspect(c, "hcp2", List.of("public"));
            assertThat(again.fingerprint()).isEqualTo(estate.store("hcp2").orElseThrow().fingerprint());
        }
    }
}
