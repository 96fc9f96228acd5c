package io.ferry.coordinator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.coordinator.persistence.MigratedDatabase;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.runs.RunTasks;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunSaga;
import io.ferry.estate.SampleEstate;
import io.ferry.spec.SpecHash;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports written by the coordinator's tasks from a run kept in its real database, into a filesystem staging. */
class ReportIT {

    private static final Instant AT = Instant.parse("2026-11-23T19:00:00Z");
    private static final RunPlan PLAN = new RunPlan(List.of(new RunPlan.ExtractStep("ids", 0, List.of())),
            List.of("ids"), Set.of(), null);

    @TempDir
    static Path dir;
    private static PostgresServer server;
    private static DataSource db;
    private static RunStore runs;
    private static Staging staging;
    private static RunTasks tasks;
    private static String specHash;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.startTemporary();
        db = MigratedDatabase.create(server, "coordinator");
        runs = new RunStore(db, RunSaga.defaults());
        staging = new FileSystemStaging(Files.createDirectories(dir.resolve("staging")));
        tasks = new RunTasks(db, staging, new ReportWriter(runs, staging));
        Path spec = dir.resolve("ferry.yaml");
        Files.writeString(spec, SampleEstate.ferryYaml());
        specHash = SpecHash.of(new SpecParser(Resolver.forFolder(dir, Map.of()), Set.of()).read(spec));
        staging.put(StagingLayout.spec(specHash), spec);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLoadedRunsReportHasItsPhasesFiguresChecksAndAuditAndItsRawBatchesAreGone() throws Exception {
        String run = "mig-20261123190000-001";
        Path raw = dir.resolve("raw.parquet");
        Files.writeString(raw, "production data");
        staging.put(run + "/extracted/ids/public.person/part-0.parquet", raw);

        runs.apply(run, new RunEvent.Requested(UUID.randomUUID(), run, "district-501", specHash, RunOptions.defaults(),
                PLAN, "ops", AT));
        answer(run, new PreflightResult(run, specHash, 1, CheckStatus.PASSED, 42, List.of(), null), 5);
        answer(run, new ExtractResult(run, specHash, 1, "ids", List.of(new ExtractResult.TableBatches("public", "person",
                BatchKind.TABLE, 1, 120)), "keys/ids", List.of(), List.of(), null), 20);
        String batch = BatchId.of(run, Phase.ANONYMIZE, "ids", "public", "person", 0).toString();
        runs.apply(run, new RunEvent.BatchAnonymized(UUID.randomUUID(), new BatchManifest(batch, run, specHash, 1,
                Phase.ANONYMIZE, "ids", "public", "person", BatchKind.TABLE, 0, "p", 120, 100, "a".repeat(64), "fp", 3,
                false, true), AT.plusSeconds(30)));
        answer(run, new LeakCheckResult(run, specHash, 1, CheckStatus.PASSED, 9, List.of(), null), 35);
        answer(run, new ValidateResult(run, specHash, 1, ValidationStatus.PASSED_WITH_WARNINGS, List.of(new Finding(
                "rule:phone-format", Severity.WARNING, "ids", "public.person", "phone", 2, List.of("17", "23"))),
                Map.of("ids", "fp-ids"), null), 50);
        runs.apply(run, new RunEvent.LoadSlotGranted(UUID.randomUUID(), AT.plusSeconds(51)));
        answer(run, new LoadResult(run, specHash, 1, "ids", List.of(new LoadResult.TableCounts("public", "person",
                BatchKind.TABLE, 118, 0, 7, 2, "00112233445566aa")), null), 60);

        assertThat(tasks.runOnce(AT.plusSeconds(61))).isEqualTo(2);
        assertThat(staging.stat(run + "/extracted/ids/public.person/part-0.parquet")).isEmpty();
        JsonNode report = new ObjectMapper().readTree(read(StagingLayout.report(RunId.parse(run), "json")));
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("keyVersion").asInt()).isEqualTo(3);
        assertThat(report.get("specHash").asText()).isEqualTo(specHash);
        assertThat(report.get("phases").findValuesAsText("phase")).containsExactly("preflight", "extract", "anonymize",
                "leakcheck", "validate", "load");
        assertThat(report.at("/phases/5/seconds").asDouble()).isEqualTo(9.0);
        assertThat(report.at("/stores/0/tables/0").toString()).isEqualTo("{\"schema\":\"public\",\"name\":\"person\","
                + "\"extracted\":120,\"anonymized\":120,\"loaded\":118,\"remapped\":7}");
        assertThat(report.at("/anonymization/fields").asLong()).isEqualTo(42);
        assertThat(report.at("/anonymization/rules").size()).isPositive();
        assertThat(report.at("/leakCheck/result").asText()).isEqualTo("PASSED");
        assertThat(report.at("/validation/findings/0/examples").toString()).isEqualTo("[\"17\",\"23\"]");
        assertThat(report.at("/load/rows").asLong()).isEqualTo(118);
        assertThat(report.get("compensation").isNull()).isTrue();
        assertThat(report.get("audit").size()).isEqualTo(8);

        String md = read(StagingLayout.report(RunId.parse(run), "md"));
        assertThat(md).startsWith("# Run " + run + ": district-501").contains("ended SUCCEEDED", "118 rows loaded into 1 CERT",
                "| public.person | 120 | 120 | 118 | 7 |");
        String html = read(StagingLayout.report(RunId.parse(run), "html"));
        assertThat(html).contains("<title>Run " + run + ": district-501</title>", "rule:phone-format");
        assertThat(tasks.runOnce(AT.plusSeconds(62))).isZero();
    }

    @Test
    void everyValueIsEscapedInTheHtmlReport() throws Exception {
        String run = "mig-20261123190000-002";
        runs.apply(run, new RunEvent.Requested(UUID.randomUUID(), run, "district-502", specHash, RunOptions.defaults(),
                PLAN, "ops", AT));
        runs.apply(run, new RunEvent.DeadLettered(UUID.randomUUID(), "ferry.preflight.requests.v1",
                "<script>alert(1)</script>", AT.plusSeconds(3)));
        tasks.runOnce(AT.plusSeconds(4));
        String html = read(StagingLayout.report(RunId.parse(run), "html"));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(read(StagingLayout.report(RunId.parse(run), "md"))).contains("ended FAILED", "nothing loaded");
    }

    private static void answer(String run, Message result, int seconds) throws Exception {
        runs.apply(run, new RunEvent.Answered(UUID.randomUUID(), result, "service", AT.plusSeconds(seconds)));
    }

    private static String read(String key) throws Exception {
        Path file = dir.resolve("read-" + UUID.randomUUID());
        staging.get(key, file);
        return Files.readString(file);
    }
}
