package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.batches.BatchFormatException;
import io.ferry.batches.BatchReader;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Honeytoken;
import io.ferry.estate.SampleEstate;
import io.ferry.planning.KeysWriter;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.SharedProdEstate;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small sample estate's PROD on a hot standby (with its graph), extracted store by store for
 * district-001 as the extractor does it for a run.
 */
class SampleEstateExtractionIT {

    private static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb");
    private static final String DISTRICT = "district-001";

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static Neo4jServer graph;
    private static EstateReport report;
    private static LoadedSpec spec;

    @BeforeAll
    static void estate() throws Exception {
        // the JVM's PROD, shared with GraphExtractionIT: a standby, and the graph is only read
        prod = SharedProdEstate.standby();
        graph = SharedProdEstate.graph();
        report = SampleEstate.describe(SharedProdEstate.OPTIONS);
        cert = PostgresServer.startTemporary();
        // CERT's schema drifts from PROD's on purpose, so the empty copy to load into is PROD's schema.
        SampleEstate.generate(new EstateServers(cert, null, null, null), SharedProdEstate.OPTIONS);
        for (String store : STORES) {
            try (Connection c = cert.connect(store)) {
                ExtractionFidelityIT.truncateAll(c);
            }
        }
        spec = ExtractionRig.sampleEstateSpec(dir.resolve("spec"), prod, cert, graph.boltUri().toString(), true);
    }

    @AfterAll
    static void stop() {
        if (cert != null) {
            cert.close();
        }
    }

    @Test
    void everyStoreMatchesThePlansKeysAndLoadsWithoutADanglingReference(@TempDir Path work) throws Exception {
        ExtractionRig rig = new ExtractionRig(work);
        Path planned = work.resolve("plan-keys");
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                DistrictClosure closure = DistrictClosure.compute(spec.spec(), snapshot, DISTRICT, 1_000_000)) {
            closure.writeKeys(planned);
        }
        // The key sets other stores' links need: ids' and hcp1's tables that hcp1, hcp2, adb and sp point at.
        assertThat(KeySets.linkTargets(spec.spec(), "ids")).extracting(TableId::name)
                .containsExactlyInAnyOrder("district", "school", "person");
        assertThat(KeySets.linkTargets(spec.spec(), "hcp1")).extracting(TableId::name)
                .containsExactlyInAnyOrder("section", "course");
        long total = 0;
        for (String store : STORES) {
            ExtractionRig.Extracted out = rig.extract(spec, "mig-20261121080000-001", DISTRICT, store);
            try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                    Connection p = prod.connect(store); Connection c = cert.connect(store)) {
                Set<String> expectedFiles;
                try (Stream<Path> files = Files.list(planned.resolve(store))) {
                    expectedFiles = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
                }
                assertThat(out.result().tables()).extracting(t -> t.schema() + "." + t.table() + ".csv")
                        .containsExactlyInAnyOrderElementsOf(expectedFiles);
                Set<TableId> targets = KeySets.linkTargets(spec.spec(), store);
                assertThat(rig.keySetFiles("mig-20261121080000-001", store)).as("key sets of %s", store)
                        .containsExactlyInAnyOrderElementsOf(targets.stream()
                                .map(id -> id.schema() + "." + id.name() + ".parquet").toList());
                for (TableBatches t : out.result().tables()) {
                    Table table = snapshot.schema().table(new TableId(store, t.schema(), t.table())).orElseThrow();
                    List<String> expected = KeysWriter.lines(planned.resolve(store).resolve(t.schema() + "." + t.table() + ".csv"));
                    List<String> keys = keysOf(rig, out.of(t.schema(), t.table()), table);
                    if (targets.contains(table.id())) {
                        assertThat(rig.keySet("mig-20261121080000-001", table.id()))
                                .extracting(k -> KeysWriter.line(k).stripTrailing())
                                .as("key set of %s", table.id()).containsExactlyElementsOf(expected);
                    }
                    if (table.primaryKey() != null) {
                        assertThat(keys).as("keys of %s, in key order", table.id()).containsExactlyElementsOf(expected);
                    } else {
                        assertThat(keys).as("rows of %s (no primary key)", table.id()).containsExactlyInAnyOrderElementsOf(expected);
                    }
                    rig.load(c, table, out.of(t.schema(), t.table()));
                    ExtractionRig.assertSameTexts(p, c, table, t.rows(), ExtractionRig.nullified(spec, table.id()));
                    total += t.rows();
                }
                assertThat(danglingForeignKeys(snapshot, c, store)).as("dangling references in %s", store).isEmpty();
            }
            assertThat(out.progress()).isNotEmpty().last().satisfies(pr -> assertThat(pr.rowsDone()).isEqualTo(pr.rowsTotal()));
            assertThat(out.progress()).extracting(Progress::rowsDone).as("the store's count, message by message")
                    .isSorted();
            // the store's figures, not one table's: observers sum them per store
            assertThat(out.progress()).allSatisfy(pr -> assertThat(pr.table()).isNull());
        }
        assertThat(total).as("rows of district-001 over the four PostgreSQL stores").isGreaterThan(10_000);
    }

    @Test
    void aRedeliveredRequestAndARestartAfterACrashWriteTheSameBatches(@TempDir Path work) throws Exception {
        ExtractionRig rig = new ExtractionRig(work);
        SnapshotStoreExtractor small = rig.extractor(ExtractionRig.settings(2, 500, 1L << 20, 2));
        String run = "mig-20261121080000-002";
        ExtractionRig.Extracted first = rig.extract(small, spec, run, DISTRICT, "hcp1", null);
        List<List<String>> firstRows = contents(rig, first.manifests());

        ExtractionRig.Extracted again = rig.extract(small, spec, run, DISTRICT, "hcp1", null);
        assertThatThrownBy(() -> rig.extract(small, spec, run, DISTRICT, "hcp1", 3)).hasMessageContaining("simulated crash");
        ExtractionRig.Extracted afterCrash = rig.extract(small, spec, run, DISTRICT, "hcp1", null);

        assertThat(first.manifests().size()).isGreaterThan(3);
        for (ExtractionRig.Extracted repeat : List.of(again, afterCrash)) {
            assertThat(repeat.manifests()).extracting(BatchManifest::batchId, BatchManifest::stagingPath, BatchManifest::rows,
                    BatchManifest::lastOfTable).containsExactlyInAnyOrderElementsOf(first.manifests().stream()
                            .map(m -> org.assertj.core.groups.Tuple.tuple(m.batchId(), m.stagingPath(), m.rows(), m.lastOfTable()))
                            .toList());
            assertThat(contents(rig, repeat.manifests())).isEqualTo(firstRows);
            assertThat(repeat.result()).isEqualTo(first.result());
        }
        try (Stream<Path> files = Files.walk(rig.root)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/extracted/")).count())
                    .as("no extra batch files").isEqualTo(first.manifests().size());
        }
    }

    @Test
    void rawBatchesAndKeySetsHoldNoSourceValueInTheClearAndNeedTheKey(@TempDir Path work) throws Exception {
        ExtractionRig rig = new ExtractionRig(work);
        ExtractionRig.Extracted out = rig.extract(spec, "mig-20261121080000-003", DISTRICT, "ids");
        List<String> extracted = rig.rows(out.manifests()).stream().flatMap(Stream::of)
                .filter(java.util.Objects::nonNull).toList();
        List<Honeytoken> tokens = report.honeytokens().stream().filter(h -> h.store().equals("ids"))
                .filter(h -> extracted.stream().anyMatch(v -> v.contains(h.value()))).toList();
        assertThat(tokens).as("honeytokens of district-001 in the extracted rows").isNotEmpty();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (Honeytoken h : tokens) {
                    assertThat(bytes).as("%s holds a source value in the clear", work.relativize(f))
                            .doesNotContain(new String(h.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                }
            }
        }
        Path local = work.resolve("copy.parquet");
        rig.staging.get(out.manifests().get(0).stagingPath(), local);
        assertThatThrownBy(() -> BatchReader.open(local, null)).isInstanceOf(BatchFormatException.class);
    }

    @Test
    void badRequestsEndInClearFatalFailures(@TempDir Path work) throws Exception {
        ExtractionRig rig = new ExtractionRig(work);
        assertThatThrownBy(() -> rig.extract(spec, "mig-20261121080000-004", "district-999", "ids"))
                .isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                    assertThat(f.failure().code()).isEqualTo("UNKNOWN_DISTRICT");
                    assertThat(f.isTransient()).isFalse();
                });
        assertThatThrownBy(() -> rig.extract(spec, "mig-20261121080000-004", DISTRICT, "nope"))
                .isInstanceOfSatisfying(ExtractionFailure.class, f -> assertThat(f.failure().code()).isEqualTo("UNKNOWN_STORE"));
        try (Stream<Path> files = Files.walk(rig.root)) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing staged").isEmpty();
        }
    }

    /** The primary-key values of the batches' rows, as {@code --keys-out} writes them. */
    private static List<String> keysOf(ExtractionRig rig, List<BatchManifest> batches, Table table) throws Exception {
        List<String> key = table.primaryKey() == null ? table.columns().stream().map(c -> c.name()).toList()
                : table.primaryKey().columns();
        int[] at = key.stream().mapToInt(k -> table.columns().stream().map(c -> c.name()).toList().indexOf(k)).toArray();
        List<String> lines = new ArrayList<>();
        for (String[] row : rig.rows(batches)) {
            Object[] values = new Object[at.length];
            for (int i = 0; i < at.length; i++) {
                values[i] = row[at[i]];
            }
            lines.add(KeysWriter.line(values).stripTrailing());
        }
        return lines;
    }

    private static List<List<String>> contents(ExtractionRig rig, List<BatchManifest> manifests) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (BatchManifest m : manifests.stream().sorted(java.util.Comparator.comparing(BatchManifest::batchId)).toList()) {
            for (String[] row : rig.rows(List.of(m))) {
                rows.add(java.util.Arrays.asList(row));
            }
        }
        return rows;
    }

    /** Declared foreign keys of the copy whose referencing rows find no target row. */
    private static List<String> danglingForeignKeys(ProdSnapshot snapshot, Connection c, String store) throws Exception {
        List<String> dangling = new ArrayList<>();
        for (Reference r : snapshot.schema().references()) {
            if (!r.from().store().equals(store) || !r.to().store().equals(store) || r.jsonPath() != null) {
                continue;
            }
            StringBuilder match = new StringBuilder();
            StringBuilder notNull = new StringBuilder();
            for (int i = 0; i < r.fromColumns().size(); i++) {
                match.append(i > 0 ? " AND " : "").append("p.").append(ExtractionRig.quote(r.toColumns().get(i)))
                        .append(" = c.").append(ExtractionRig.quote(r.fromColumns().get(i)));
                notNull.append(" AND c.").append(ExtractionRig.quote(r.fromColumns().get(i))).append(" IS NOT NULL");
            }
            String sql = "SELECT count(*) FROM " + r.from().qualified() + " c WHERE TRUE" + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                    + r.to().qualified() + " p WHERE " + match + ")";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    dangling.add(r.describe() + ": " + rs.getLong(1));
                }
            }
        }
        return dangling;
    }
}
