package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.ExtractResult.TableBatches;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN's fidelity test: rows extracted from a PROD hot standby, staged as encrypted Parquet, and loaded
 * back with {@code COPY} into an empty copy of the schema read the same as {@code col::text} in PROD, for
 * every column of every table of the closure: a zoo of PostgreSQL's awkward types and values, Pagila and
 * Northwind under their specs.
 */
class ExtractionFidelityIT {

    private static final String RUN = "mig-20261121080000-001";

    /** One PROD (a hot standby once filled) and one CERT for the class: each test has databases of its own on them. */
    private static PostgresServer prod;
    private static PostgresServer cert;

    @BeforeAll
    static void servers() throws Exception {
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        fill("zoo", Path.of("src/test/resources/extraction/type-zoo.sql"));
        if (Datasets.root().isPresent()) {
            fill("pagila", Datasets.root().orElseThrow().resolve("pagila/pagila.sql"));
            fill("nw", Datasets.root().orElseThrow().resolve("northwind/northwind-postgres.sql"));
        }
        prod.restartAsStandby();
    }

    /** The script's database in PROD, and an empty copy of its schema in CERT. */
    private static void fill(String database, Path script) throws Exception {
        for (PostgresServer s : List.of(prod, cert)) {
            s.createDatabase(database);
            try (Connection c = s.connect(database)) {
                SqlScriptRunner.run(c, script);
            }
        }
        try (Connection c = cert.connect(database)) {
            truncateAll(c);
        }
    }

    @AfterAll
    static void stop() {
        for (PostgresServer s : new PostgresServer[] {prod, cert}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void everyAwkwardTypeAndValueSurvivesTheRoundTrip(@TempDir Path dir) throws Exception {
        Path folder = specFolder(dir, Path.of("src/test/resources/extraction/type-zoo.yaml"),
                Map.of("zoo", prod.jdbcUrl("zoo")), Map.of("zoo", cert.jdbcUrl("zoo")), Map.of());

        Map<String, Long> rows = roundTrip(new ExtractionRig(dir), ExtractionRig.spec(folder), "zoo", "north", prod,
                cert);

        assertThat(rows).containsEntry("public.district", 1L).containsEntry("public.zoo", 12L)
                .containsEntry("public.zoo_note", 3L);
    }

    @Test
    void pagilaExtractsCompletelyAndReadsTheSameInTheCopy(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path folder = specFolder(dir, specOf("pagila"), Map.of("pagila", prod.jdbcUrl("pagila")),
                Map.of("pagila", cert.jdbcUrl("pagila")), Map.of());

        Map<String, Long> rows = roundTrip(new ExtractionRig(dir), ExtractionRig.spec(folder), "pagila", "1", prod,
                cert);

        assertThat(rows).containsKeys("public.film", "public.actor", "public.film_actor", "public.rental",
                "public.payment", "public.customer", "public.address");
        assertThat(rows.get("public.payment")).isPositive();
    }

    @Test
    void northwindWithItsGraphExtractsTheRelationalStoreAndReadsTheSame(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        try (Neo4jServer graph = NorthwindGraph.start(data)) {
            Path folder = specFolder(dir, specOf("northwind"), Map.of("nw", prod.jdbcUrl("nw")), Map.of("nw", cert.jdbcUrl("nw")),
                    Map.of("prod.graph.url", graph.boltUri().toString(), "cert.graph.url", graph.boltUri().toString()));

            Map<String, Long> rows = roundTrip(new ExtractionRig(dir), ExtractionRig.spec(folder), "nw", "ALFKI", prod,
                    cert);

            assertThat(rows).containsKeys("public.customers", "public.orders", "public.order_details",
                    "public.products", "public.employees");
        }
    }

    /**
     * Extracts {@code store} for {@code district}, loads every table's batches into {@code cert} and
     * compares; returns the rows per table. The extractor's temp folder is empty afterwards.
     */
    static Map<String, Long> roundTrip(ExtractionRig rig, LoadedSpec spec, String store, String district,
            PostgresServer prod, PostgresServer cert) throws Exception {
        ExtractionRig.Extracted out = rig.extract(spec, RUN, district, store);
        Map<String, Long> rows = new LinkedHashMap<>();
        String database = databaseOf(prod, spec, store);
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver());
                Connection p = prod.connect(database); Connection c = cert.connect(database)) {
            for (TableBatches t : out.result().tables()) {
                Table table = snapshot.schema().table(new TableId(store, t.schema(), t.table())).orElseThrow();
                assertThat(out.of(t.schema(), t.table())).hasSize(t.batches());
                rig.load(c, table, out.of(t.schema(), t.table()));
                ExtractionRig.assertSameTexts(p, c, table, t.rows(), ExtractionRig.nullified(spec, table.id()));
                rows.put(t.schema() + "." + t.table(), t.rows());
            }
        }
        try (var left = Files.list(rig.tempDir())) {
            assertThat(left).as("temp files left by the extractor").isEmpty();
        }
        System.out.printf("%s %s: %d rows in %d tables read the same after the round trip%n", store, district,
                rows.values().stream().mapToLong(Long::longValue).sum(), rows.size());
        return rows;
    }

    private static String databaseOf(PostgresServer prod, LoadedSpec spec, String store) {
        String url = spec.resolver().resolve(spec.spec().stores().get(store).prod()).url();
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    private static Path specOf(String name) {
        return Datasets.repoRoot().resolve("specs").resolve(name).resolve("ferry.yaml");
    }

    /** Copies the spec beside an {@code estate.properties} for the test servers. */
    static Path specFolder(Path dir, Path spec, Map<String, String> prodUrls, Map<String, String> certUrls,
            Map<String, String> more) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("spec"));
        Files.copy(spec, folder.resolve("ferry.yaml"));
        Map<String, String> p = new LinkedHashMap<>(more);
        prodUrls.forEach((store, url) -> {
            p.put("prod." + store + ".url", url);
            p.put("prod." + store + ".user", PostgresServer.SUPERUSER);
            p.put("prod." + store + ".password", "unused");
        });
        certUrls.forEach((store, url) -> {
            p.put("cert." + store + ".url", url);
            p.put("cert." + store + ".user", PostgresServer.SUPERUSER);
            p.put("cert." + store + ".password", "unused");
        });
        ExtractionRig.writeProperties(folder, p);
        return folder;
    }

    /** Empties every table of the public schema: an empty copy of PROD's schema to load into. */
    static void truncateAll(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT format('%I.%I', schemaname, tablename) AS t"
                    + " FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE 'TRUNCATE ' || r.t || ' CASCADE'; END LOOP; END $$");
        }
    }
}
