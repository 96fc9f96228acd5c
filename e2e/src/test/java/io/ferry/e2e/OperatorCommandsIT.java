package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The five services as processes, as {@code ferry demo --keep} leaves them on a small estate ({@link SharedDemo};
 * district-001 loaded), driven by the operator commands: status, report, verify (logs included), refused actions, a
 * rollback that takes the run back out of CERT, a dry run that leaves CERT alone, the approval gate, a district that
 * fails, a cancel, a refresh on the same keys, a rollback a tester's edit blocks until forced, a load failure
 * compensated, and a batch of two districts that share rows. One estate for the class; the tests run in
 * order because each builds on what the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class OperatorCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static String api;
    private static String firstRun;

    @BeforeAll
    static void demo() throws Exception {
        SharedDemo shared = SharedDemo.get();
        dir = shared.dir;
        api = shared.api;
        firstRun = shared.loaded("district-001");
    }

    @Test
    @Order(1)
    void statusListsTheLoadedRunAsSucceeded() throws Exception {
        Cli.Result table = Cli.run("status", "--api-config", api);
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("RUN").contains("DISTRICT", "STATUS");
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith(firstRun)
                .contains("district-001", "SUCCEEDED", "DONE", "5/5"));

        JsonNode run = JSON.readTree(Cli.run("status", firstRun, "--api-config", api, "--format", "json").out());
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("loadedStores")).hasSize(5);
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

        // the same with spec and staging named, as an operator outside the demo passes them, and as JSON
        Cli.Result json = Cli.run("verify", firstRun, "--api-config", api, "--logs", logs.toString(), "--spec",
                estate.require("spec"), "--staging", estate.require("staging.root"), "--format", "json",
                "--timeout", "PT5M");
        assertThat(json.code()).as(json.toString()).isEqualTo(1);
        assertThat(json.lines().get(0)).isEqualTo("INVALID");
        JsonNode found = JSON.readTree(String.join("\n", json.lines().subList(1, json.lines().size())));
        assertThat(found.path("logLeaks")).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("file").asText()).endsWith("loader.log");
            assertThat(l.path("line").asInt()).isEqualTo(2);
            assertThat(l.path("hash").asText()).matches("[0-9a-f]{16}");
        });
        assertThat(json.out() + json.err()).doesNotContain(email);
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
        assertThat(inventory.findValues("supersededBy")).isNotEmpty().allMatch(JsonNode::isNull);
    }

    /** A dry run extracts, anonymizes and validates, and ends SUCCEEDED with nothing written to CERT. */
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

        // the dry run kept its anonymized batches: the next run of the district starts at the leak check with them,
        // and --skip-load ends it after validation; an extra approval gate never comes into play
        Cli.Result reused = Cli.run("run", "district-002", "--reuse-extraction", "--skip-load", "--approve-before-load",
                "--wait", "--api-config", api);
        assertThat(reused.code()).as(reused.toString()).isZero();
        String reusedId = reused.lines().get(0);
        JsonNode again = JSON.readTree(Cli.run("status", reusedId, "--api-config", api, "--format", "json").out());
        assertThat(again.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(again.path("skipLoad").asBoolean()).isTrue();
        assertThat(again.path("loadedStores")).isEmpty();
        JsonNode report = JSON.readTree(Cli.run("report", reusedId, "--api-config", api, "--format", "json").out());
        assertThat(report.path("audit").get(0).path("what").asText()).contains("reusing the extraction of run " + runId);
        assertThat(Cli.run("inventory", "--spec", dir.resolve("estate/ferry.yaml").toString(), "--format", "json").out())
                .doesNotContain(reusedId);
    }

    /** The spec's gate before loading: the run waits until an approver approves, then loads. */
    @Test
    @Order(7)
    void aRunWaitsAtTheGateUntilApprovedThenLoads() throws Exception {
        Cli.Result run = Cli.run("run", "district-001", "--api-config", api);
        assertThat(run.code()).as(run.toString()).isZero();
        String runId = run.lines().get(0);
        JsonNode waiting = until(runId, "AWAITING_APPROVAL");
        assertThat(waiting.path("waitingFor").asText()).contains("approval");
        assertThat(waiting.path("loadedStores")).isEmpty();
        Cli.Result approve = Cli.run("approve", runId, "--api-config", api);
        assertThat(approve.code()).as(approve.toString()).isZero();
        Cli.Result watch = Cli.run("watch", runId, "--api-config", api);
        assertThat(watch.code()).as(watch.toString()).isZero();
        assertThat(watch.out()).contains("load ").contains("SUCCEEDED");
    }

    /**
     * Everything that makes a run fail is planted in the lowest-ranked district (docs/sample-estate.md): a dangling
     * cross-store reference under {@code dangling: fail}, and rows CERT's checks refuse. It fails before CERT.
     */
    @Test
    @Order(8)
    void theLowestRankedDistrictFailsBeforeCert() throws Exception {
        Cli.Result run = Cli.run("run", "district-003", "--wait", "--api-config", api);
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        JsonNode view = JSON.readTree(Cli.run("status", run.lines().get(0), "--api-config", api, "--format", "json").out());
        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        assertThat(view.path("reason").asText()).isNotBlank();
        assertThat(view.path("loadedStores")).isEmpty();
        assertThat(Cli.run("inventory", "--spec", dir.resolve("estate/ferry.yaml").toString()).out())
                .doesNotContain(run.lines().get(0));
    }

    @Test
    @Order(9)
    void aCancelledRunEndsCancelledBeforeAnyLoad() throws Exception {
        Cli.Result run = Cli.run("run", "district-002", "--dry-run", "--api-config", api);
        String runId = run.lines().get(0);
        Cli.Result cancel = Cli.run("cancel", runId, "--reason", "changed my mind", "--api-config", api);
        assertThat(cancel.code()).as(cancel.toString()).isZero();
        JsonNode view = until(runId, "CANCELLED");
        assertThat(view.path("loadedStores")).isEmpty();
        String audit = Cli.run("report", runId, "--api-config", api, "--format", "json").out();
        assertThat(JSON.readTree(audit).path("status").asText()).isEqualTo("CANCELLED");
    }

    /** A refresh replaces the district's loaded run store by store and lands on the same CERT keys. */
    @Test
    @Order(10)
    void aRefreshReplacesTheLoadedRunOnTheSameKeys() throws Exception {
        List<Long> before = certPeopleOfDistrictOne();
        assertThat(before).isNotEmpty();
        Cli.Result refresh = Cli.run("run", "district-001", "--refresh", "--api-config", api);
        assertThat(refresh.code()).as(refresh.toString()).isZero();
        String refreshed = refresh.lines().get(0);
        SharedDemo.assertEnded(SharedDemo.get().approvedToItsEnd(refreshed)).isEqualTo("SUCCEEDED");
        assertThat(certPeopleOfDistrictOne()).isEqualTo(before);
        JsonNode inventory = JSON.readTree(Cli.run("inventory", "--spec", dir.resolve("estate/ferry.yaml").toString(),
                "--format", "json").out());
        assertThat(inventory.findValues("supersededBy").stream().map(JsonNode::asText)).contains(refreshed);
    }

    /** A tester's edit to a loaded row stops the rollback in BLOCKED; --force takes the run out anyway. */
    @Test
    @Order(11)
    void aTestersEditBlocksTheRollbackUntilForced() throws Exception {
        JsonNode latest = JSON.readTree(Cli.run("status", "--api-config", api, "--format", "json").out()).get(0);
        String runId = latest.path("runId").asText();
        assertThat(latest.path("status").asText()).isEqualTo("SUCCEEDED");
        List<Long> people = certPeopleOfDistrictOne();
        long person = people.get(0);
        try (Connection c = cert("ids"); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE public.person SET first_name = 'Edited by a tester' WHERE id = " + person))
                    .isEqualTo(1);
        }
        assertThat(Cli.run("rollback", runId, "--api-config", api).code()).isZero();
        JsonNode blocked = until(runId, "BLOCKED");
        assertThat(blocked.path("continueWith").asText()).contains("--force");
        assertThat(Cli.run("rollback", runId, "--force", "--api-config", api).code()).isZero();
        until(runId, "COMPENSATED");
        try (Connection c = cert("ids"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM public.person WHERE id IN (" + people.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")) + ")")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the run's people, the edited one included, taken out").isZero();
        }
    }

    /**
     * A load that fails in a later store (a CERT trigger refuses the run's submissions, which validation cannot
     * foresee): the run compensates the stores it loaded and ends COMPENSATED, CERT exactly as before the run.
     */
    @Test
    @Order(12)
    void aLoadFailingInOneStoreIsCompensatedLeavingCertAsItWas() throws Exception {
        SharedDemo shared = SharedDemo.get();
        java.util.Map<String, String> before = certContents();
        try (Connection c = cert("hcp2"); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION public.refuse_submissions() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'submissions are frozen in CERT'; END $$");
            st.execute("CREATE TRIGGER refuse_submissions BEFORE INSERT ON public.submission"
                    + " FOR EACH ROW EXECUTE FUNCTION public.refuse_submissions()");
        }
        try {
            Cli.Result run = Cli.run("run", "district-001", "--api-config", api);
            assertThat(run.code()).as(run.toString()).isZero();
            String runId = run.lines().get(0);
            SharedDemo.assertEnded(shared.approvedToItsEnd(runId)).isEqualTo("COMPENSATED");
            JsonNode view = JSON.readTree(Cli.run("status", runId, "--api-config", api, "--format", "json").out());
            assertThat(view.path("reason").asText()).contains("hcp2");
            assertThat(certContents()).isEqualTo(before);
        } finally {
            try (Connection c = cert("hcp2"); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_submissions ON public.submission");
                st.execute("DROP FUNCTION public.refuse_submissions()");
            }
        }
    }

    /**
     * A batch of the two districts whose closures share rows (district-001's cross-tenant rows are district-002's
     * own): both succeed, the shared rows are in CERT once, loaded by one run and referenced by the other. The first
     * district's rollback is BLOCKED while the second shares its rows; once the second is rolled back, resuming the
     * first takes it out, and CERT is as before the batch.
     */
    @Test
    @Order(13)
    void aBatchOfTwoDistrictsSharingRowsLoadsThemOnceAndRollsBackInTurn() throws Exception {
        SharedDemo shared = SharedDemo.get();
        java.util.Map<String, String> before = certContents();
        Cli.Result batch = Cli.run("run", "district-001", "district-002", "--api-config", api);
        assertThat(batch.code()).as(batch.toString()).isZero();
        java.util.Map<String, String> runs = batchRuns(batch.lines().get(0), 2);
        for (String district : List.of("district-001", "district-002")) {
            SharedDemo.assertEnded(shared.approvedToItsEnd(runs.get(district))).isEqualTo("SUCCEEDED");
        }
        try (Connection c = cert("ids"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*), count(DISTINCT code) FROM public.district WHERE code IN ('district-001', 'district-002')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("each district row once").isEqualTo(2);
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
        // whichever loaded second references the rows the first loaded for it, CERT's bookkeeping says so
        java.util.Set<String> sharing = new java.util.TreeSet<>();
        try (Connection c = cert("ids"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT run_id || ' ' || owner_run FROM ferry.shared_row")) {
            while (rs.next()) {
                sharing.add(rs.getString(1));
            }
        }
        assertThat(sharing).hasSize(1);
        String[] pair = sharing.iterator().next().split(" ");
        assertThat(java.util.Set.of(pair[0], pair[1])).containsExactlyInAnyOrderElementsOf(runs.values());
        String secondRun = pair[0];
        String firstRun = pair[1];
        JsonNode report = JSON.readTree(Cli.run("report", secondRun, "--api-config", api, "--format", "json").out());
        assertThat(report.findValues("skipped").stream().mapToLong(JsonNode::asLong).sum()).isPositive();

        assertThat(Cli.run("rollback", firstRun, "--api-config", api).code()).isZero();
        assertThat(until(firstRun, "BLOCKED").path("waitingFor").asText()).contains("referenced");
        assertThat(Cli.run("rollback", secondRun, "--api-config", api).code()).isZero();
        until(secondRun, "COMPENSATED");
        assertThat(Cli.run("resume", firstRun, "--api-config", api).code()).isZero();
        until(firstRun, "COMPENSATED");
        assertThat(certContents()).isEqualTo(before);
    }

    /** Polls {@code status BATCH} until each of its {@code districts} districts has a run: district to run id. */
    private static java.util.Map<String, String> batchRuns(String batchId, int districts) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        java.util.Map<String, String> runs = new java.util.TreeMap<>();
        while (runs.size() < districts && System.nanoTime() < deadline) {
            JsonNode view = JSON.readTree(Cli.run("status", batchId, "--api-config", api, "--format", "json").out());
            for (String field : List.of("pending", "running", "completed", "failed")) {
                for (JsonNode e : view.path(field)) {
                    if (!e.path("runId").asText("").isEmpty()) {
                        runs.put(e.path("district").asText(), e.path("runId").asText());
                    }
                }
            }
            Thread.sleep(200);
        }
        assertThat(runs).as("the batch's runs").hasSize(districts);
        return runs;
    }

    /** Every CERT store's contents, as {@link CertContents} takes them. */
    private static java.util.Map<String, String> certContents() throws Exception {
        return CertContents.of(io.ferry.cli.spec.SpecSession.open(dir.resolve("estate/ferry.yaml")).spec(),
                EstateProperties.read(dir.resolve("estate/estate.properties")));
    }

    /** The CERT keys of district-001's people, in order. */
    private static List<Long> certPeopleOfDistrictOne() throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = cert("ids"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT p.id FROM public.person p JOIN public.district d ON d.id = p.district_id"
                        + " WHERE d.code = 'district-001' ORDER BY p.id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** CERT's store as the estate's superuser (trusted on localhost), as a tester with full rights would be. */
    private static Connection cert(String store) throws Exception {
        EstateProperties estate = EstateProperties.read(dir.resolve("estate/estate.properties"));
        return DriverManager.getConnection(estate.require("cert." + store + ".url"), "postgres", "");
    }

    /** The run as the API shows it once it has {@code status}; fails after two minutes. */
    private static JsonNode until(String runId, String status) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode view = JSON.readTree(Cli.run("status", runId, "--api-config", api, "--format", "json").out());
            if (view.path("status").asText().equals(status) || System.nanoTime() > deadline) {
                assertThat(view.path("status").asText()).as(view.toString()).isEqualTo(status);
                return view;
            }
            Thread.sleep(200);
        }
    }
}
