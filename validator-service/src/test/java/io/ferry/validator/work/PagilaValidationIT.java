package io.ferry.validator.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.schema.model.TableId;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.BatchEdit;
import io.ferry.service.testing.DistrictStage;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pagila under {@code specs/pagila/ferry.yaml}: store 1's closure validates clean against an empty CERT copy
 * of the schema, and a rental made to point at a customer the run does not carry, a duplicated payment key
 * and a NULL in a NOT NULL column are each found, with the row's key as the example.
 */
class PagilaValidationIT {

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static PostgresServer cert;
    private static LoadedSpec spec;
    private static Staging staging;
    private static ValidationJob job;

    @BeforeAll
    static void pagila() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path script = Datasets.root().orElseThrow().resolve("pagila/pagila.sql");
        prod = PostgresServer.startTemporary();
        cert = PostgresServer.startTemporary();
        for (PostgresServer server : List.of(prod, cert)) {
            server.createDatabase("pagila");
            try (Connection c = server.connect("pagila")) {
                SqlScriptRunner.run(c, script);
            }
        }
        try (Connection c = cert.connect("pagila"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')"
                    + " || ' CASCADE' FROM pg_tables WHERE schemaname = 'public'); END $$");
        }
        Path folder = Files.createDirectories(dir.resolve("spec"));
        Files.copy(Datasets.repoRoot().resolve("specs/pagila/ferry.yaml"), folder.resolve("ferry.yaml"));
        Files.writeString(folder.resolve("estate.properties"), String.join("\n",
                "prod.pagila.url=" + prod.jdbcUrl("pagila"), "prod.pagila.user=" + PostgresServer.SUPERUSER,
                "prod.pagila.password=unused", "cert.pagila.url=" + cert.jdbcUrl("pagila"),
                "cert.pagila.user=" + PostgresServer.SUPERUSER, "cert.pagila.password=unused", ""));
        Spec parsed = new SpecParser(Resolver.forFolder(folder, Map.of()), Set.of(SpecParser.Environment.values()))
                .read(folder.resolve("ferry.yaml"));
        spec = new LoadedSpec(SpecHash.of(parsed), parsed, Resolver.forFolder(folder, Map.of()));
        staging = new FileSystemStaging(dir.resolve("staging"));
        job = new ValidationJob(staging, new ValidationSettings(dir.resolve("work"), 5, 2, "256MB", Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
        if (cert != null) {
            cert.close();
        }
    }

    @Test
    void storeOnePassesAgainstAnEmptyCert() throws Exception {
        String run = "mig-20261121150000-001";
        Map<TableId, List<List<String>>> keys = DistrictStage.stage(prod, spec, "1", List.of(), staging, run, dir);
        assertThat(keys.get(TableId.parse("pagila.public.rental"))).hasSizeGreaterThan(1000);

        long start = System.nanoTime();
        ValidateResult result = job.validate(new ValidateRequest(run, "1", spec.specHash(), 1), spec);
        System.out.printf("Pagila store 1 validated in %.1f s%n", (System.nanoTime() - start) / 1e9);

        assertThat(result.findings()).isEmpty();
        assertThat(result.status()).isEqualTo(ValidationStatus.PASSED);
        assertThat(job.referenceChecks()).isGreaterThan(keys.get(TableId.parse("pagila.public.rental")).size());
    }

    @Test
    void brokenRowsAreFoundWithTheirKeys() throws Exception {
        String run = "mig-20261121150000-002";
        DistrictStage.stage(prod, spec, "1", List.of(), staging, run, dir);
        // Break three rows of the staged batches the way a faulty phase might.
        BatchEdit.rewrite(staging, run, TableId.parse("pagila.public.rental"), (columns, row, index) -> {
            if (index == 0) {
                row[columns.indexOf("customer_id")] = "99999";
            }
        });
        BatchEdit.rewrite(staging, run, TableId.parse("pagila.public.customer"), (columns, row, index) -> {
            if (index == 0) {
                row[columns.indexOf("first_name")] = null;
            }
        });
        BatchEdit.duplicateFirstRow(staging, run, TableId.parse("pagila.public.payment"));

        ValidateResult result = job.validate(new ValidateRequest(run, "1", spec.specHash(), 1), spec);

        assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
        assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .extracting(f -> f.check() + " " + f.table() + " " + f.column() + " " + f.count())
                .containsExactlyInAnyOrder("reference public.rental customer_id 1", "not-null public.customer first_name 1",
                        "primary-key public.payment payment_date,payment_id 2");
        Finding reference = result.findings().stream().filter(f -> f.check().equals("reference")).findFirst().orElseThrow();
        assertThat(reference.examples()).singleElement().satisfies(e -> assertThat(e).startsWith("rental_id="));
    }
}
