package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's plan holds PROD snapshots (open transactions) until its stores are extracted. These tests count
 * the PROD sessions named {@code ferry-extractor}: a plan whose other store never comes is closed by the
 * timer after the maximum snapshot age, a failed store closes the plan at once, a passed preflight's plan
 * serves the extractions or is closed when none comes in time, a failed preflight's is closed at once, and
 * shutdown waits for an extraction in progress before it closes the snapshots.
 */
class PlannedRunsIT {

    @TempDir
    static Path dir;
    private static PostgresServer prod;
    private static LoadedSpec spec;

    @BeforeAll
    static void prod() throws Exception {
        prod = PostgresServer.startTemporary();
        prod.createDatabase("zoo");
        prod.createDatabase("other");
        try (Connection c = prod.connect("zoo")) {
            SqlScriptRunner.run(c, Path.of("src/test/resources/extraction/type-zoo.sql"));
        }
        Path folder = ExtractionFidelityIT.specFolder(dir, Path.of("src/test/resources/extraction/two-stores.yaml"),
                Map.of("zoo", prod.jdbcUrl("zoo"), "other", prod.jdbcUrl("other")),
                Map.of("zoo", prod.jdbcUrl("zoo"), "other", prod.jdbcUrl("other")), Map.of());
        spec = ExtractionRig.spec(folder);
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
    }

    private static PlannedRuns runs(Duration maxAge) {
        return runs(maxAge, Duration.ofHours(1));
    }

    private static PlannedRuns runs(Duration maxAge, Duration awaitExtraction) {
        return new PlannedRuns(new ProdSnapshot.SessionSettings("ferry-extractor", Duration.ZERO), maxAge, awaitExtraction,
                2);
    }

    private static ExtractRequest request(String run, String store) {
        return new ExtractRequest(run, "north", spec.specHash(), 1, store, 0, List.of());
    }

    @Test
    void aPlanWhoseOtherStoreNeverComesIsClosedAfterTheMaximumSnapshotAge() throws Exception {
        PlannedRuns runs = runs(Duration.ofSeconds(1));
        try (PlannedRuns.Lease lease = runs.lease(request("mig-20261121100000-001", "zoo"), spec)) {
            lease.extracted();
        }
        assertThat(runs.size()).as("the plan waits for store 'other'").isEqualTo(1);
        assertThat(extractorSessions()).isEqualTo(2);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (extractorSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(extractorSessions()).as("PROD sessions left open").isZero();
        assertThat(runs.size()).isZero();
        runs.closeAll(Duration.ZERO);
    }

    @Test
    void aFailedStoreClosesThePlanSoThatARetryPlansAgain() throws Exception {
        PlannedRuns runs = runs(Duration.ofHours(1));
        PlannedRuns.Lease first = runs.lease(request("mig-20261121100000-002", "zoo"), spec);
        ProdSnapshot planned = first.snapshot();
        first.close(); // not extracted: the store failed

        assertThat(runs.size()).isZero();
        assertThat(extractorSessions()).isZero();
        try (PlannedRuns.Lease retry = runs.lease(request("mig-20261121100000-002", "zoo"), spec)) {
            assertThat(retry.snapshot()).isNotSameAs(planned);
        }
        runs.closeAll(Duration.ZERO);
    }

    @Test
    void aPassedPreflightsPlanIsTheOneItsExtractionsReadThenItCloses() throws Exception {
        PlannedRuns runs = runs(Duration.ofHours(1));
        String run = "mig-20261121100000-005";
        ProdSnapshot planned;
        try (PlannedRuns.Lease preflight = runs.leaseForPreflight(run, spec.specHash(), "north", spec)) {
            planned = preflight.snapshot();
            preflight.extracted(); // passed
        }
        assertThat(runs.size()).as("the plan waits for the extractions").isEqualTo(1);
        assertThat(extractorSessions()).isEqualTo(2);

        for (String store : List.of("zoo", "other")) {
            try (PlannedRuns.Lease lease = runs.lease(request(run, store), spec)) {
                assertThat(lease.snapshot()).as(store + " is read in the preflight's snapshot").isSameAs(planned);
                lease.extracted();
            }
        }
        assertThat(runs.size()).isZero();
        assertThat(extractorSessions()).isZero();
        runs.closeAll(Duration.ZERO);
    }

    @Test
    void aPassedPreflightsPlanThatNoExtractionClaimsIsClosedInTime() throws Exception {
        PlannedRuns runs = runs(Duration.ofHours(1), Duration.ofSeconds(1));
        try (PlannedRuns.Lease preflight = runs.leaseForPreflight("mig-20261121100000-006", spec.specHash(), "north", spec)) {
            preflight.extracted();
        }
        assertThat(extractorSessions()).isEqualTo(2);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (extractorSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(extractorSessions()).as("PROD sessions left open by a run never extracted here").isZero();
        assertThat(runs.size()).isZero();
        runs.closeAll(Duration.ZERO);
    }

    @Test
    void aFailedPreflightLeavesNoPlanOpen() throws Exception {
        PlannedRuns runs = runs(Duration.ofHours(1));
        PlannedRuns.Lease preflight = runs.leaseForPreflight("mig-20261121100000-007", spec.specHash(), "north", spec);
        assertThat(extractorSessions()).isEqualTo(2);
        preflight.close(); // not passed

        assertThat(runs.size()).isZero();
        assertThat(extractorSessions()).isZero();
        runs.closeAll(Duration.ZERO);
    }

    @Test
    void shutdownWaitsForALeasedExtractionThenRefusesNewOnes() throws Exception {
        PlannedRuns runs = runs(Duration.ofHours(1));
        PlannedRuns.Lease busy = runs.lease(request("mig-20261121100000-003", "zoo"), spec);
        Thread finisher = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(500);
                try (var st = busy.snapshot().connection("zoo").orElseThrow().createStatement()) {
                    st.execute("SELECT count(*) FROM zoo"); // the snapshot is still open while leased
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            busy.extracted();
            busy.close();
        });

        runs.closeAll(Duration.ofSeconds(20));
        finisher.join();

        assertThat(extractorSessions()).isZero();
        assertThatThrownBy(() -> runs.lease(request("mig-20261121100000-004", "zoo"), spec))
                .isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                    assertThat(f.failure().code()).isEqualTo("SHUTTING_DOWN");
                    assertThat(f.isTransient()).isTrue();
                });
    }

    private static int extractorSessions() throws Exception {
        try (Connection c = prod.connect("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ferry-extractor'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
