package io.ferry.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensateResult.Cause;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.coordinator.persistence.MigratedDatabase;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunSaga;
import io.ferry.coordinator.saga.Step;
import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CERT's load slot and the sweeper over runs in the coordinator's real database. */
class RunSchedulingIT {

    private static final String SPEC = "f".repeat(64);
    private static final Instant AT = Instant.parse("2026-11-23T18:00:00Z");
    private static final RunPlan PLAN = new RunPlan(List.of(new RunPlan.ExtractStep("ids", 0, List.of())),
            List.of("ids"), Set.of(), null);

    private static PostgresServer server;
    private static DataSource db;
    private static RunStore runs;

    @BeforeAll
    static void database() {
        server = PostgresServer.startTemporary();
        db = MigratedDatabase.create(server, "coordinator");
        runs = new RunStore(db, RunSaga.defaults());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneRunLoadsAtATimeAndTheOneThatWaitedLongestGoesNext() throws Exception {
        LoadSlot slot = new LoadSlot(db, runs);
        String first = "mig-20261123180000-001";
        String second = "mig-20261123180000-002";
        queued(first, "district-401", AT);
        queued(second, "district-402", AT.plusSeconds(10));

        assertThat(slot.grantNext(AT.plusSeconds(20))).contains(first);
        assertThat(runs.find(first).orElseThrow().step()).isEqualTo(Step.LOAD);
        assertThat(slot.grantNext(AT.plusSeconds(21))).isEmpty();
        assertThat(runs.find(second).orElseThrow().step()).isEqualTo(Step.LOAD_QUEUED);

        answer(first, new LoadResult(first, SPEC, 1, "ids", List.of(), null), AT.plusSeconds(30));
        assertThat(runs.find(first).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(slot.grantNext(AT.plusSeconds(31))).contains(second);
        assertThat(runs.find(second).orElseThrow().pending()).containsKey("load/" + second + "/ids");
        // the slot is free again for the other tests of the class
        answer(second, new LoadResult(second, SPEC, 1, "ids", List.of(), null), AT.plusSeconds(40));
        assertThat(slot.holder()).isEmpty();
    }

    @Test
    void aRunWithoutProgressForTheTimeoutIsSentItsCommandsAgainUnderTheSameIds() throws Exception {
        Sweeper sweeper = new Sweeper(db, runs);
        String run = "mig-20261123180000-003";
        runs.apply(run, new RunEvent.Requested(UUID.randomUUID(), run, "district-403", SPEC, RunOptions.defaults(), PLAN,
                "ops", AT));
        Duration timeout = Duration.ofMinutes(30);
        assertThat(sweeper.sweep(AT.plus(Duration.ofMinutes(29)), timeout)).doesNotContain(run);
        assertThat(sweeper.sweep(AT.plus(Duration.ofMinutes(31)), timeout)).contains(run);
        assertThat(sweeper.sweep(AT.plus(Duration.ofMinutes(32)), timeout)).doesNotContain(run);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_id = '" + MessageIds.forAttempt("preflight/" + run, 1)
                + "'")).isEqualTo(2);
        assertThat(runs.audit(run).get(1).kind()).isEqualTo("Stalled");
        assertThat(runs.find(run).orElseThrow().stalls()).isEqualTo(1);

        // A phase service reporting progress keeps the sweeper off (the feed consumer records when it last did).
        execute("UPDATE run SET progress_at = '" + AT.plus(Duration.ofMinutes(60)) + "' WHERE run_id = '" + run + "'");
        assertThat(sweeper.sweep(AT.plus(Duration.ofMinutes(80)), timeout)).doesNotContain(run);
        assertThat(sweeper.sweep(AT.plus(Duration.ofMinutes(91)), timeout)).contains(run);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }

    @Test
    void rollingBackALoadedRunOfADistrictThatHasAnotherActiveRunIsRefusedByTheDatabase() throws Exception {
        LoadSlot slot = new LoadSlot(db, runs);
        String loaded = "mig-20261123180000-004";
        loadedThroughTheSlot(slot, loaded, "district-404", AT.plusSeconds(100));
        String next = "mig-20261123180000-005";
        runs.apply(next, new RunEvent.Requested(UUID.randomUUID(), next, "district-404", SPEC, RunOptions.defaults(), PLAN,
                "ops", AT.plusSeconds(103)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.apply(loaded, new RunEvent.RollbackRequested(
                UUID.randomUUID(), "approver", false, AT.plusSeconds(104))))
                .isInstanceOf(io.ferry.coordinator.persistence.DistrictBusyException.class)
                .hasMessageContaining("district district-404 has an active run, " + next);
        assertThat(runs.find(loaded).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    /**
     * A rollback that stops BLOCKED (another district's run shares its rows, say) writes nothing while it waits: the
     * slot is free for the run that must go first, and the queue goes on; once resumed it holds the slot again.
     */
    @Test
    void aCompensationBlockedWaitingForAnOperatorDoesNotHoldTheSlot() throws Exception {
        LoadSlot slot = new LoadSlot(db, runs);
        String blocked = "mig-20261123180000-006";
        loadedThroughTheSlot(slot, blocked, "district-406", AT.plusSeconds(200));
        runs.apply(blocked, new RunEvent.RollbackRequested(UUID.randomUUID(), "approver", false, AT.plusSeconds(203)));
        assertThat(slot.holder()).contains(blocked);
        answer(blocked, new CompensateResult(blocked, SPEC, 1, CompensationStatus.BLOCKED, Map.of(), Map.of(),
                List.of(new CompensateResult.BlockedRow("ids", "public.person", "7", Cause.REFERENCED_FROM_OUTSIDE)),
                null), AT.plusSeconds(204));
        assertThat(runs.find(blocked).orElseThrow().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(slot.holder()).isEmpty();

        loadedThroughTheSlot(slot, "mig-20261123180000-007", "district-407", AT.plusSeconds(205));

        runs.apply(blocked, new RunEvent.Resumed(UUID.randomUUID(), "operator", AT.plusSeconds(208), Map.of()));
        assertThat(runs.find(blocked).orElseThrow().status()).isEqualTo(RunStatus.COMPENSATING);
        assertThat(slot.holder()).contains(blocked);
    }

    /** A run of one store queued, granted the slot, loaded and SUCCEEDED: the slot is free again. */
    private static void loadedThroughTheSlot(LoadSlot slot, String run, String district, Instant at) throws Exception {
        queued(run, district, at);
        assertThat(slot.grantNext(at.plusSeconds(1))).contains(run);
        assertThat(slot.holder()).contains(run);
        answer(run, new LoadResult(run, SPEC, 1, "ids", List.of(), null), at.plusSeconds(2));
        assertThat(runs.find(run).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(slot.holder()).isEmpty();
    }

    /** A run of one store brought through every step up to CERT's load queue. */
    private static void queued(String run, String district, Instant at) throws Exception {
        runs.apply(run, new RunEvent.Requested(UUID.randomUUID(), run, district, SPEC, RunOptions.defaults(), PLAN, "ops",
                at));
        answer(run, new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 1, List.of(), null), at);
        answer(run, new ExtractResult(run, SPEC, 1, "ids", List.of(new ExtractResult.TableBatches("public", "person",
                BatchKind.TABLE, 1, 10)), "keys/ids", List.of(), List.of(), null), at);
        String batch = BatchId.of(run, Phase.ANONYMIZE, "ids", "public", "person", 0).toString();
        runs.apply(run, new RunEvent.BatchAnonymized(UUID.randomUUID(), new BatchManifest(batch, run, SPEC, 1,
                Phase.ANONYMIZE, "ids", "public", "person", BatchKind.TABLE, 0, "p", 10, 100, "a".repeat(64), "fp", 1,
                false, true), at));
        answer(run, new LeakCheckResult(run, SPEC, 1, CheckStatus.PASSED, 3, List.of(), null), at);
        answer(run, new ValidateResult(run, SPEC, 1, ValidationStatus.PASSED, List.of(), Map.of("ids", "fp-ids"), null),
                at);
        assertThat(runs.find(run).orElseThrow().step()).isEqualTo(Step.LOAD_QUEUED);
    }

    private static void answer(String run, Message result, Instant at) throws Exception {
        runs.apply(run, new RunEvent.Answered(UUID.randomUUID(), result, "service", at));
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
