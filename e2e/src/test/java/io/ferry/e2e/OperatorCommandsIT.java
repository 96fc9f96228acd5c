package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.demo.Demo;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.testkit.Datasets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The five services as processes, as {@code ferry demo --keep} leaves them on a small estate (district-001 migrated
 * through the API), driven by the operator commands: status, report, verify, refused actions, a rollback that takes
 * the run back out of CERT, and a dry run that leaves CERT alone. One estate for the class; the tests run in
 * order because each builds on what the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static String api;
    private static String firstRun;

    @BeforeAll
    static void demo() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "demo-").toAbsolutePath();
        api = dir.resolve("demo.properties").toString();
        int code = new Demo(dir, Datasets.repoRoot(), "small", true, new PrintStream(System.err, true,
                StandardCharsets.UTF_8)).run();
        assertThat(code).as("ferry demo on the small estate").isZero();
    }

    @AfterAll
    static void stop() {
        if (dir != null) {
            Cli.run("demo", "stop", "--dir", dir.toString());
        }
    }

    @Test
    @Order(1)
    void statusListsTheDemosRunAsSucceeded() throws Exception {
        Cli.Result table = Cli.run("status", "--api-config", api);
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("RUN").contains("DISTRICT", "STATUS");
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).contains("district-001", "SUCCEEDED", "DONE", "5/5"));

        JsonNode runs = JSON.readTree(Cli.run("status", "--api-config", api, "--format", "json").out());
        assertThat(runs).hasSize(1);
        firstRun = runs.get(0).path("runId").asText();
        assertThat(runs.get(0).path("loadedStores")).hasSize(5);
    }

    @Test
    @Order(2)
    void theReportInEachFormatSaysWhatTheRunDid() throws Exception {
        JsonNode report = JSON.readTree(Cli.run("report", firstRun, "--api-config", api, "--format", "json").out());
        assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("leakCheck").path("result").asText()).isEqualTo("PASSED");
        assertThat(report.path("load").path("rows").asLong()).isPositive();
        assertThat(Cli.run("report", firstRun, "--api-config", api).out()).startsWith("# Run " + firstRun);
        assertThat(Cli.run("report", firstRun, "--api-config", api, "--format", "html").out()).contains("<html");
        assertThat(Cli.run("report", firstRun, "--api-config", api, "--format", "pdf").code()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void verifyFindsCertHoldingExactlyWhatTheRunLoadedAndNoSourceValueInTheLogs() throws Exception {
        Cli.Result verify = Cli.run("verify", firstRun, "--api-config", api, "--logs", dir.resolve("logs").toString());
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.lines()).containsExactly("VALID");

        // one PROD email of the district in a copy of the logs: found by its keyed hash, never shown
        String email;
        EstateProperties estate = EstateProperties.read(dir.resolve("estate/estate.properties"));
        try (Connection c = DriverManager.getConnection(estate.require("prod.ids.url"), estate.require("prod.ids.user"),
                estate.require("prod.ids.password")); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT p.email FROM person p JOIN district d ON d.id = p.district_id"
                        + " WHERE d.code = 'district-001' AND p.email IS NOT NULL ORDER BY p.id LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            email = rs.getString(1);
        }
        Path logs = Files.createDirectories(dir.resolve("logs-with-a-leak"));
        Files.writeString(logs.resolve("loader.log"), "2026-11-24 INFO fine\n2026-11-24 WARN row of " + email + "\n");
        Cli.Result leaked = Cli.run("verify", firstRun, "--api-config", api, "--logs", logs.toString());
        assertThat(leaked.code()).as(leaked.toString()).isEqualTo(1);
        assertThat(leaked.lines().get(0)).isEqualTo("INVALID");
        assertThat(leaked.lines().subList(1, leaked.lines().size())).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("log-leak .*loader\\.log:2 [0-9a-f]{16}"));
        assertThat(leaked.out() + leaked.err()).doesNotContain(email);
    }

    @Test
    @Order(4)
    void actionsARunCannotTakeAreRefusedWithTheirExitCodes() {
        Cli.Result approve = Cli.run("approve", firstRun, "--api-config", api);
        assertThat(approve.code()).as(approve.toString()).isEqualTo(6);
        assertThat(approve.err()).startsWith("ferry: ").contains("409");
        assertThat(Cli.run("status", "mig-20000101000000-001", "--api-config", api).code()).isEqualTo(5);
    }

    @Test
    @Order(5)
    void rollbackTakesTheRunBackOutOfCert() throws Exception {
        Cli.Result rollback = Cli.run("rollback", firstRun, "--api-config", api);
        assertThat(rollback.code()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains(firstRun);
        Cli.Result watch = Cli.run("watch", firstRun, "--api-config", api);
        assertThat(watch.code()).as("a rolled-back run did not succeed: watch exits 1").isEqualTo(1);
        assertThat(watch.lines().get(watch.lines().size() - 1)).contains("COMPENSATED");
        JsonNode inventory = JSON.readTree(Cli.run("inventory", "--spec", dir.resolve("estate/ferry.yaml").toString(),
                "--format", "json").out());
        assertThat(inventory.toString()).contains(firstRun);
        assertThat(inventory.findValues("status").stream().map(JsonNode::asText)).containsOnly("compensated");
        assertThat(inventory.findValues("supersededBy")).allMatch(JsonNode::isNull);
    }

    /**
     * After the rollback: district-002's closure holds cross-tenant rows that district-001's run loaded (its district
     * row, people), which validation refuses as duplicates while that run is in CERT.
     */
    @Test
    @Order(6)
    void aDryRunSucceedsWithoutTouchingCert() throws Exception {
        Cli.Result run = Cli.run("run", "district-002", "--dry-run", "--wait", "--api-config", api);
        assertThat(run.code()).as(run.toString()).isZero();
        String runId = run.lines().get(0);
        assertThat(runId).matches("mig-\\d{14}-\\d{3}");
        JsonNode view = JSON.readTree(Cli.run("status", runId, "--api-config", api, "--format", "json").out());
        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.path("dryRun").asBoolean()).isTrue();
        assertThat(view.path("loadedStores")).isEmpty();
        Cli.Result inventory = Cli.run("inventory", "--spec", dir.resolve("estate/ferry.yaml").toString(), "--format", "json");
        assertThat(inventory.out()).contains(firstRun).doesNotContain(runId);
    }
}
