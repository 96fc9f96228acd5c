package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.planning.ClosureRules.EdgePolicy;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.TableId;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small sample estate's PROD on a hot standby: the closures of district-001 and of the lowest-ranked
 * district-003 equal, key for key, hand-written SQL over the same standby
 * ({@code src/test/resources/closure/sample-estate/}), and the cross-tenant and dangling reports name
 * exactly what {@code planted.json} plants. Only PostgreSQL: the graph store is not planned yet.
 *
 * <p>The rules are the generated spec's ({@code ferry.yaml}), through {@link SpecRules} and the spec's
 * links, as {@code ferry plan} builds them. The spec says {@code parents-only} on
 * {@code ids.public.person(previous_school_id)}: DESIGN's default rule follows every reference downward,
 * so without it a district's closure would take in, as its own, every student who once attended one of
 * its schools, with all their coursework: a row reached downward is never cross-tenant (only rows pulled
 * upward are), so the engine cannot tell. A former school is history, not ownership; saying so is the
 * spec's job, per edge.
 */
class SampleEstateClosureIT {
    private static final List<String> STORES = SampleSpec.STORES;
    private static final Path SQL = Path.of("src/test/resources/closure/sample-estate");

    @TempDir
    static Path files;
    private static PostgresServer prod;
    private static EstateSchema schema;
    private static SampleSpec spec;
    private static JsonNode planted;

    @BeforeAll
    static void estateOnAHotStandby() throws Exception {
        prod = PostgresServer.startTemporary();
        SampleEstate.writeFiles(SampleEstate.generate(new EstateServers(prod, null, null, null),
                new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null)), files);
        planted = new ObjectMapper().readTree(files.resolve("planted.json").toFile()).get("planted");
        prod.restartAsStandby();
        spec = SampleSpec.read(files, prod);
        schema = spec.schema();
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
    }

    private static ClosureRules rules(String district) {
        return spec.rules(district);
    }

    @Test
    void districtOneMatchesTheHandWrittenClosureAndItsPlantedCrossTenantRowsAndOrphans(@TempDir Path keys)
            throws Exception {
        String district = "district-001";
        Planned p = planAndCompare(district, keys);

        assertThat(p.failures).isEmpty();
        assertThat(p.plan.crossTenant()).hasSize(2).extracting(Plan.CrossTenantRow::owner).containsOnly("district-002");
        assertThat(p.plan.crossTenant()).extracting(c -> c.path().get(0))
                .containsExactlyInAnyOrderElementsOf(plantedRows(district, "cross-tenant-", "ids"));
        assertThat(danglingCounts(p.plan)).isEqualTo(plantedOrphans(district));
    }

    @Test
    void lowestDistrictFailsOnItsPlantedDanglingSubmissionAndDropsItsOrphans(@TempDir Path keys) throws Exception {
        String district = "district-003";
        Planned p = planAndCompare(district, keys);

        assertThat(p.plan.crossTenant()).isEmpty();
        Map<String, String> expected = new LinkedHashMap<>(plantedOrphans(district));
        expected.put("hcp2.public.submission(person_id) -> ids.public.person(id)",
                plantedCount(district, "dangling-cross-store-reference") + " fail");
        assertThat(danglingCounts(p.plan)).isEqualTo(expected);
        assertThat(p.failures).containsExactly("1 dangling reference(s) hcp2.public.submission(person_id) -> ids.public.person(id)");
    }

    @Test
    void districtTwoKeepsTheTransferredStudentOutOnlyBecauseTheFormerSchoolIsParentsOnly(@TempDir Path keys)
            throws Exception {
        String district = "district-002";
        Planned p = planAndCompare(district, keys);

        assertThat(p.failures).isEmpty();
        assertThat(p.plan.crossTenant()).singleElement().satisfies(c -> {
            assertThat(c.owner()).isEqualTo("district-001");
            assertThat(plantedRows("district-001", "cross-tenant-guardian", "ids")).containsExactly(c.path().get(0));
        });
        TableId person = TableId.parse("ids.public.person");
        Tuple student = Tuple.of(Long.parseLong(plantedRows("district-001", "cross-tenant-transferred-student", "ids")
                .iterator().next().replaceAll("\\D+", "")));
        ClosureRules asWritten = rules(district).withEdge("ids.public.person(previous_school_id) -> ids.public.school(id)",
                EdgePolicy.FOLLOW);
        try (Snapshots s = new Snapshots(); Closure closure = new ClosurePlanner().close(schema, asWritten, s.sources)) {
            assertThat(closure.contains(person, student)).as("followed downward from its former school").isTrue();
        }
    }

    private record Planned(Plan plan, List<String> failures) {
    }

    /**
     * Plans in one read-only snapshot per store (and a second one per store for reads beside the rounds), writes the
     * keys and compares them with the hand-written SQL.
     */
    private static Planned planAndCompare(String district, Path keys) throws Exception {
        ClosureRules rules = rules(district);
        Planned planned;
        List<TableId> tables;
        List<String> askedBeside = new java.util.ArrayList<>();
        try (Snapshots s = new Snapshots(); Snapshots beside = new Snapshots();
                Closure closure = new ClosurePlanner().close(schema, rules, s.sources, store -> {
                    askedBeside.add(store);
                    return beside.sources.get(store);
                })) {
            // the events' JSON-path pairs are read beside the rounds, on a second session (a standby: the same rows)
            assertThat(askedBeside).containsExactly("adb");
            KeysWriter.write(closure, keys);
            planned = new Planned(closure.plan(), closure.failures(rules));
            tables = closure.tables();
        }
        HandWrittenClosure expected = new HandWrittenClosure(SQL, district);
        for (String store : STORES) {
            try (Connection c = prod.connect(store)) {
                assertThat(inRecovery(c)).as("PROD is a hot standby").isTrue();
                expected.run(store, c);
            }
        }
        long compared = expected.assertMatches(keys, tables, planned.plan.rows());
        System.out.printf("%s: %d keys in %d tables compared with the hand-written closure%n", district, compared,
                tables.size());
        return planned;
    }

    /** One {@code REPEATABLE READ, READ ONLY} snapshot per store. */
    private static final class Snapshots implements AutoCloseable {
        final Map<String, RowSource> sources = new LinkedHashMap<>();

        Snapshots() throws Exception {
            try {
                for (String store : STORES) {
                    sources.put(store, JdbcRowSource.openSnapshot(prod.connect(store), schema.store(store).orElseThrow()));
                }
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            sources.values().forEach(RowSource::close);
        }
    }

    private static boolean inRecovery(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** {@code from -> to} and {@code "count policy"} of each reported dangling reference. */
    private static Map<String, String> danglingCounts(Plan plan) {
        return plan.dangling().stream().collect(Collectors.toMap(d -> d.from() + " -> " + d.to(),
                d -> d.count() + " " + d.policy(), (a, b) -> a, LinkedHashMap::new));
    }

    private static Stream<JsonNode> planted(String district, String kindPrefix) {
        return StreamSupport.stream(planted.spliterator(), false)
                .filter(n -> n.path("kind").asText().startsWith(kindPrefix) && district.equals(n.path("district").asText()));
    }

    /** Planted rows as the plan's paths name them: {@code store.schema.table[key]}. */
    private static Set<String> plantedRows(String district, String kindPrefix, String store) {
        return planted(district, kindPrefix).filter(n -> n.path("store").asText().equals(store))
                .flatMap(n -> StreamSupport.stream(n.path("keys").spliterator(), false)
                        .map(k -> store + "." + n.path("table").asText() + "[" + k.asText() + "]"))
                .collect(Collectors.toSet());
    }

    private static long plantedCount(String district, String kind) {
        return planted(district, kind).filter(n -> n.path("kind").asText().equals(kind))
                .mapToLong(n -> n.path("count").asLong()).sum();
    }

    /** The orphans' references, with the links' {@code drop}: what the dangling report must list. */
    private static Map<String, String> plantedOrphans(String district) {
        Map<String, String> m = new LinkedHashMap<>();
        planted(district, "orphan").forEach(n -> {
            String column = n.path("columns").get(0).asText();
            String target = column.contains("schoolId") || column.equals("school_id") ? "ids.public.school(id)"
                    : "ids.public.person(id)";
            m.put(n.path("store").asText() + "." + n.path("table").asText() + "(" + column + ") -> " + target,
                    n.path("count").asLong() + " drop");
        });
        return m;
    }
}
