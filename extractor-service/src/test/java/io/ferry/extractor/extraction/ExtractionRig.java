package io.ferry.extractor.extraction;

import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.batches.FileKey;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.service.RawKeySource;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * The extractor outside the service: a staging folder, a random raw-file key, and helpers to run an
 * extraction, read its batches back, load them into an empty copy of the schema and compare
 * {@code col::text} on both sides.
 */
final class ExtractionRig {

    static final ExtractionSettings SETTINGS = settings(3, 250_000, 32L << 20, 3);

    /** Settings for tests: the staging root and raw key of the settings are not used (the rig passes its own). */
    static ExtractionSettings settings(int connections, long batchRows, long rowGroupBytes, int writers) {
        return new ExtractionSettings(Path.of("unused"), connections, Duration.ofMinutes(5), Duration.ofHours(1), batchRows,
                64L << 20, rowGroupBytes, writers, new RawKeySource("ferry.extractor.raw-key",
                        java.util.Optional.empty(), java.util.Optional.empty(), 1));
    }

    final Path root;
    final Staging staging;
    final FileKey key;
    private final Path temp;

    ExtractionRig(Path dir) throws Exception {
        root = Files.createDirectories(dir.resolve("staging"));
        temp = Files.createDirectories(dir.resolve("tmp"));
        staging = new FileSystemStaging(root);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        key = FileKey.fromBase64(1, Base64.getEncoder().encodeToString(bytes));
    }

    /** The files the extractor left behind in its temp folder (there should be none). */
    Path tempDir() {
        return temp;
    }

    /** An extractor with plans of its own (left to close when their stores are extracted, or at the maximum age). */
    SnapshotStoreExtractor extractor(ExtractionSettings settings) {
        return extractor(settings, PlannedRuns.of(settings));
    }

    SnapshotStoreExtractor extractor(ExtractionSettings settings, PlannedRuns runs) {
        return new SnapshotStoreExtractor(staging, settings, () -> key, temp, runs);
    }

    /** An extractor that reads graphs {@code graphChunk} nodes or relationships a query (the service: 10,000). */
    SnapshotStoreExtractor extractor(ExtractionSettings settings, int graphChunk) {
        return new SnapshotStoreExtractor(staging, settings, () -> key, temp, PlannedRuns.of(settings), graphChunk);
    }

    /** Parses {@code folder/ferry.yaml}, resolving placeholders from the {@code estate.properties} beside it. */
    static LoadedSpec spec(Path folder) {
        Spec spec = new SpecParser(Resolver.forFolder(folder, Map.of()), Set.of(SpecParser.Environment.values()))
                .read(folder.resolve("ferry.yaml"));
        return new LoadedSpec(SpecHash.of(spec), spec, Resolver.forFolder(folder, Map.of()));
    }

    /**
     * The sample estate's spec in {@code folder}, beside an {@code estate.properties} for the test servers:
     * PROD's four PostgreSQL stores on {@code prod}, CERT's on {@code cert} (the extractor never opens
     * CERT; the placeholders only need values), the graph store on {@code graph} (or an unused address).
     */
    static LoadedSpec sampleEstateSpec(Path folder, io.ferry.testkit.postgres.PostgresServer prod,
            io.ferry.testkit.postgres.PostgresServer cert, String graphUrl, boolean withGraph) throws Exception {
        Files.createDirectories(folder);
        String yaml = io.ferry.estate.SampleEstate.ferryYaml();
        if (!withGraph) {
            yaml = yaml.lines().filter(line -> !line.contains("\"sp:") && !line.trim().startsWith("sp:"))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        Files.writeString(folder.resolve("ferry.yaml"), yaml);
        Map<String, String> p = new LinkedHashMap<>();
        for (String store : List.of("ids", "hcp1", "hcp2", "adb")) {
            for (String env : List.of("prod", "cert")) {
                p.put(env + "." + store + ".url", (env.equals("prod") ? prod : cert).jdbcUrl(store));
                p.put(env + "." + store + ".user", io.ferry.testkit.postgres.PostgresServer.SUPERUSER);
                p.put(env + "." + store + ".password", "unused");
            }
        }
        if (withGraph) {
            p.put("prod.sp.url", graphUrl);
            p.put("cert.sp.url", graphUrl);
        }
        writeProperties(folder, p);
        return spec(folder);
    }

    static void writeProperties(Path folder, Map<String, String> properties) throws Exception {
        Files.writeString(folder.resolve("estate.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
    }

    /** What one extraction produced. */
    record Extracted(ExtractResult result, List<BatchManifest> manifests, List<Progress> progress) {
        List<BatchManifest> of(String schema, String table) {
            return manifests.stream().filter(m -> m.schema().equals(schema) && m.table().equals(table))
                    .sorted(java.util.Comparator.comparingInt(BatchManifest::seq)).toList();
        }
    }

    Extracted extract(LoadedSpec spec, String runId, String district, String store) {
        return extract(extractor(SETTINGS), spec, runId, district, store, null);
    }

    /** @param stopAfter throw from the listener once this many manifests arrived (a crash), or null */
    Extracted extract(SnapshotStoreExtractor extractor, LoadedSpec spec, String runId, String district, String store,
            Integer stopAfter) {
        List<BatchManifest> manifests = Collections.synchronizedList(new ArrayList<>());
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        ExtractResult result = extractor.extract(new ExtractRequest(runId, district, spec.specHash(), 1, store, 0, List.of()),
                spec, new ExtractionListener() {
                    @Override
                    public void batch(BatchManifest manifest) {
                        manifests.add(manifest);
                        if (stopAfter != null && manifests.size() >= stopAfter) {
                            throw new IllegalStateException("simulated crash after " + stopAfter + " batches");
                        }
                    }

                    @Override
                    public void progress(Progress p) {
                        // A slow receiver, as a broker can be: widens the window in which tables read in parallel
                        // could send their counts out of order.
                        pause();
                        progress.add(p);
                    }
                });
        return new Extracted(result, List.copyOf(manifests), List.copyOf(progress));
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rows of a table's key set, decrypted. */
    List<String[]> keySet(String runId, TableId id) throws Exception {
        String folder = StagingLayout.keys(RunId.parse(runId), id.store());
        List<String[]> rows = new ArrayList<>();
        readInto(folder + (folder.endsWith("/") ? "" : "/") + id.schema() + "." + id.name() + ".parquet", rows);
        return rows;
    }

    /** The names of a store's key set files ({@code public.person.parquet}). */
    Set<String> keySetFiles(String runId, String store) {
        return staging.list(StagingLayout.keys(RunId.parse(runId), store)).stream()
                .map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).collect(Collectors.toSet());
    }

    /** Every row of the batches, decrypted, in batch order. */
    List<String[]> rows(List<BatchManifest> batches) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (BatchManifest m : batches) {
            readInto(m.stagingPath(), rows);
        }
        return rows;
    }

    /** Adds the decrypted rows of one staged Parquet file to {@code rows}. */
    private void readInto(String stagingKey, List<String[]> rows) throws Exception {
        Path local = Files.createTempFile(temp, "read-", ".parquet");
        staging.get(stagingKey, local);
        try (BatchReader reader = BatchReader.open(local, key)) {
            String[] row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * Loads a table's batches into {@code target} with {@code COPY}, as a superuser with triggers and
     * foreign-key checks off (the batches come table by table). Generated columns are left out.
     */
    void load(Connection target, Table table, List<BatchManifest> batches) throws Exception {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).generation() != Column.Generation.STORED) {
                keep.add(i);
            }
        }
        String columns = keep.stream().map(i -> quote(table.columns().get(i).name())).collect(Collectors.joining(", "));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] row : rows(batches)) {
            String[] kept = new String[keep.size()];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = row[keep.get(i)];
            }
            CopyText.encodeRow(kept, out);
        }
        try (Statement st = target.createStatement()) {
            st.execute("SET session_replication_role = replica");
        }
        target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.id().qualified() + " (" + columns
                + ") FROM STDIN", new java.io.ByteArrayInputStream(out.toByteArray()));
    }

    /** Every row of the table by its identity (key columns, else the whole row), each column as {@code col::text}. */
    static Map<String, List<String>> texts(Connection c, Table table) throws Exception {
        List<String> identity = table.primaryKey() == null ? List.of() : table.primaryKey().columns();
        String id = identity.isEmpty() ? "t::text" : identity.stream().map(k -> "t." + quote(k) + "::text")
                .collect(Collectors.joining(" || '|' || "));
        String cols = table.columns().stream().map(col -> "t." + quote(col.name()) + "::text").collect(Collectors.joining(", "));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + id + ", " + cols + " FROM "
                + (table.kind() == TableKind.PARTITIONED ? "" : "ONLY ") + table.id().qualified() + " t")) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < table.columns().size(); i++) {
                    values.add(rs.getString(i + 2));
                }
                String key = rs.getString(1);
                if (identity.isEmpty()) {
                    key += "#" + seen.merge(key, 1, Integer::sum);
                }
                rows.put(key, values);
            }
        }
        return rows;
    }

    /**
     * Asserts that CERT holds {@code expectedRows} rows of the table and that each equals, column by column
     * as {@code col::text}, the PROD row with the same identity.
     */
    static void assertSameTexts(Connection prod, Connection cert, Table table, long expectedRows) throws Exception {
        assertSameTexts(prod, cert, table, expectedRows, Set.of());
    }

    /** @param mayBeNulled references the extractor nulls when their target is outside the closure */
    static void assertSameTexts(Connection prod, Connection cert, Table table, long expectedRows, Set<String> mayBeNulled)
            throws Exception {
        Map<String, List<String>> source = texts(prod, table);
        Map<String, List<String>> copy = texts(cert, table);
        org.assertj.core.api.Assertions.assertThat(copy).as("rows of %s in the copy", table.id()).hasSize((int) expectedRows);
        for (Map.Entry<String, List<String>> row : copy.entrySet()) {
            List<String> original = source.get(row.getKey());
            org.assertj.core.api.Assertions.assertThat(original).as("%s row %s exists in PROD", table.id(), row.getKey())
                    .isNotNull();
            for (int i = 0; i < original.size(); i++) {
                if (row.getValue().get(i) == null && mayBeNulled.contains(table.columns().get(i).name())) {
                    continue;
                }
                org.assertj.core.api.Assertions.assertThat(row.getValue().get(i))
                        .as("%s.%s (%s) of row %s", table.id(), table.columns().get(i).name(),
                                table.columns().get(i).type(), row.getKey())
                        .isEqualTo(original.get(i));
            }
        }
    }

    /** Referencing columns of {@code table} that the spec's {@code nullify} edges empty where the target is not copied. */
    static Set<String> nullified(LoadedSpec spec, io.ferry.schema.model.TableId table) {
        return spec.spec().closure().edges().entrySet().stream()
                .filter(e -> e.getValue() == io.ferry.spec.model.EdgePolicy.NULLIFY && e.getKey().table().equals(table))
                .flatMap(e -> e.getKey().columns().stream()).collect(Collectors.toSet());
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
