package io.ferry.anonymizer.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymizer.batch.BatchFixture;
import io.ferry.anonymizer.leak.Honeytokens;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.LeakCheckJob;
import io.ferry.anonymizer.work.RunTools;
import io.ferry.batches.FileKey;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pagila under its spec's rules (specs/pagila): every table is staged as a raw batch, anonymized by the
 * anonymizer's batch job, and loaded into an empty copy of the database. Customers and staff come out
 * anonymized, every foreign key holds again in the copy, everything else reads the same, and the run's
 * leak check passes.
 */
class PagilaAnonymizationIT {

    private static final String RUN = "mig-20261121120000-001";
    private static final FileKey RAW_KEY = new FileKey(1, "pagila-test-raw-file-key-32bytes".getBytes(
            StandardCharsets.US_ASCII));

    @Test
    void customersAndStaffAreAnonymizedWithEveryReferenceIntact(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path script = Datasets.root().orElseThrow().resolve("pagila/pagila.sql");
        Path specFile = Datasets.repoRoot().resolve("specs/pagila/ferry.yaml");
        Spec spec = new SpecParser(new Resolver(Map.of(), Map.of(), specFile.getParent()), Set.of())
                .read(specFile.toString(), Files.readString(specFile), specFile.getParent());
        RunTools tools = new RunTools(RuleIndex.of(spec), BatchFixture.anonymizer(), BatchFixture.scrubber(dir),
                BatchFixture.leakKey());
        Staging staging = new FileSystemStaging(dir.resolve("staging"));
        BatchJob job = new BatchJob(staging, () -> RAW_KEY, dir.resolve("tmp"), 8 << 20);
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            for (String db : List.of("pagila", "copy")) {
                pg.createDatabase(db);
                try (Connection c = pg.connect(db)) {
                    SqlScriptRunner.run(c, script);
                }
            }
            try (Connection prod = pg.connect("pagila"); Connection copy = pg.connect("copy")) {
                TableCopies.sessionSettings(prod);
                TableCopies.sessionSettings(copy);
                List<String> tables = TableCopies.tables(prod, "public");
                try (Statement st = copy.createStatement()) {
                    st.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> "public.\"" + t + "\"")
                            .toList()) + " CASCADE");
                }
                int batches = 0;
                for (String table : tables) {
                    BatchManifest raw = TableCopies.stageRaw(prod, staging, dir, RUN, "a".repeat(64), "pagila",
                            "public", table, RAW_KEY);
                    BatchManifest anonymized = job.anonymize(raw, tools).manifest();
                    Path file = dir.resolve("anon-" + table + ".parquet");
                    staging.get(anonymized.stagingPath(), file);
                    TableCopies.load(copy, "public", table, BatchFixture.read(file));
                    batches++;
                }

                assertThat(TableCopies.recheckForeignKeys(copy, "public")).isGreaterThanOrEqualTo(15);
                Map<String, String> before = rows(prod, "SELECT customer_id, first_name || ' ' || last_name || ' ' "
                        + "|| coalesce(email, '') FROM public.customer");
                Map<String, String> after = rows(copy, "SELECT customer_id, first_name || ' ' || last_name || ' ' "
                        + "|| coalesce(email, '') FROM public.customer");
                assertThat(after.keySet()).isEqualTo(before.keySet()).hasSize(599);
                for (String id : before.keySet()) {
                    String[] b = before.get(id).split(" ");
                    String[] a = after.get(id).split(" ");
                    assertThat(a[0]).as("customer %s first name", id).isNotEqualToIgnoringCase(b[0]);
                    assertThat(a[1]).as("customer %s last name", id).isNotEqualToIgnoringCase(b[1]);
                    assertThat(a[2]).as("customer %s email", id).endsWith("@example.org");
                }
                assertThat(new HashSet<>(column(copy, "SELECT email FROM public.customer"))).hasSize(599);
                assertThat(column(copy, "SELECT username FROM public.staff")).allMatch(u -> u.startsWith("f-"));
                assertThat(column(copy, "SELECT phone FROM public.address WHERE phone <> ''"))
                        .isNotEmpty().allMatch(p -> p.replaceAll("\\D", "").contains("55501"));
                // what no rule names reads the same
                assertThat(rows(copy, "SELECT film_id, title || description FROM public.film"))
                        .isEqualTo(rows(prod, "SELECT film_id, title || description FROM public.film"));
                assertThat(rows(copy, "SELECT rental_id, inventory_id || '/' || customer_id FROM public.rental"))
                        .isEqualTo(rows(prod, "SELECT rental_id, inventory_id || '/' || customer_id FROM public.rental"));

                LeakCheckResult leak = new LeakCheckJob(staging, dir.resolve("tmp"), 2, Honeytokens.none())
                        .check(new LeakCheckRequest(RUN, "a".repeat(64), 1, batches), tools);
                assertThat(leak.status()).as("findings %s", leak.findings()).isEqualTo(CheckStatus.PASSED);
                assertThat(leak.tokensChecked()).isGreaterThan(100_000);
            }
        }
    }

    private static Map<String, String> rows(Connection c, String sql) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
