package io.ferry.coordinator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.coordinator.saga.RunActionRefused;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunSaga;
import io.ferry.coordinator.saga.Step;
import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs kept in the coordinator's schema on a real PostgreSQL, migrated by Flyway as the service does at start. */
class RunStoreIT {

    private static final String SPEC = "c".repeat(64);
    private static final Instant AT = Instant.parse("2026-11-23T16:00:00Z");
    private static final RunPlan PLAN = new RunPlan(List.of(new RunPlan.ExtractStep("ids", 0, List.of())),
            List.of("ids"), Set.of(), null);

    private static PostgresServer server;
    private static RunStore store;

    @BeforeAll
    static void database() {
        server = PostgresServer.startTemporary();
        store = new RunStore(MigratedDatabase.create(server, "coordinator"), RunSaga.defaults());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestCreatesTheRunItsAuditLineAndItsOutboxRowsOnce() throws Exception {
        String run = "mig-20261123160000-001";
        RunEvent requested = requested(run, "district-101");
        RunStore.Applied applied = store.apply(run, requested);
        assertThat(applied.duplicate()).isFalse();
        assertThat(applied.state().status()).isEqualTo(RunStatus.REQUESTED);
        assertThat(single("SELECT status || ' ' || step || ' v' || version FROM run WHERE run_id = '" + run + "'"))
                .isEqualTo("REQUESTED PREFLIGHT v1");
        assertThat(store.audit(run)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("Requested");
            assertThat(e.actor()).isEqualTo("ops");
            assertThat(e.what()).contains("preflight sent");
        });
        List<String> outbox = strings("SELECT topic || ' ' || message_key || ' ' || message_id FROM outbox WHERE run_id = '"
                + run + "' ORDER BY id");
        assertThat(outbox).containsExactlyInAnyOrder(
                Topics.PREFLIGHT_REQUESTS + " " + run + " " + MessageIds.forAttempt("preflight/" + run, 1),
                Topics.RUNS + " " + run + " " + MessageIds.uuidV5(MessageIds.FERRY_NAMESPACE, "status/" + run + "/1"));
        PreflightRequest sent = Json.fromJson(single("SELECT payload FROM outbox WHERE topic = '"
                + Topics.PREFLIGHT_REQUESTS + "' AND run_id = '" + run + "'"), PreflightRequest.class);
        assertThat(sent).isEqualTo(new PreflightRequest(run, "district-101", SPEC, 1));
        assertThat(Json.fromJson(single("SELECT payload FROM outbox WHERE topic = '" + Topics.RUNS + "' AND run_id = '"
                + run + "'"), RunStatusChanged.class).status()).isEqualTo(RunStatus.REQUESTED);

        // Redelivered: recognised by its id, nothing written again.
        RunStore.Applied again = store.apply(run, requested);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.state()).isEqualTo(applied.state());
        assertThat(store.audit(run)).hasSize(1);
        assertThat(count("outbox WHERE run_id = '" + run + "'")).isEqualTo(2);
    }

    @Test
    void eachCommittedEventButNotItsRepeatTellsTheListenerAfterTheCommit() throws Exception {
        String run = "mig-20261123160000-009";
        java.util.List<Long> outboxRowsSeen = new java.util.ArrayList<>();
        RunStore told = new RunStore(MigratedDatabase.create(server, "coordinator_told"), RunSaga.defaults(), () -> {
            try {
                // read on another connection: the event's rows are committed by the time the listener hears of it
                outboxRowsSeen.add(Long.parseLong(singleIn("coordinator_told",
                        "SELECT count(*) FROM outbox WHERE run_id = '" + run + "'")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RunEvent requested = requested(run, "district-109");
        told.apply(run, requested);
        told.apply(run, requested); // redelivered
        told.apply(run, answered(new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 9, List.of(), null)));

        assertThat(outboxRowsSeen).containsExactly(2L, 4L);
    }

    @Test
    void eachEventIsOneVersionOneAuditLineAndTheStoredStateReadsBackAsTheSagaLeftIt() throws Exception {
        String run = "mig-20261123160000-002";
        store.apply(run, requested(run, "district-102"));
        RunStore.Applied passed = store.apply(run, answered(new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 9,
                List.of(), null)));
        assertThat(passed.state().step()).isEqualTo(Step.EXTRACT);
        assertThat(store.find(run)).contains(passed.state());
        assertThat(single("SELECT version FROM run WHERE run_id = '" + run + "'")).isEqualTo("2");
        assertThat(store.audit(run)).extracting(AuditEntry::seq).containsExactly(1L, 2L);
        assertThat(store.audit(run).get(1).kind()).isEqualTo("Answered(PreflightResult)");
        // In the order the relay sends them: each change's announcement, then its commands.
        assertThat(strings("SELECT topic FROM outbox WHERE run_id = '" + run + "' ORDER BY id")).containsExactly(
                Topics.RUNS, Topics.PREFLIGHT_REQUESTS, Topics.RUNS, Topics.EXTRACT_REQUESTS);
        assertThat(passed.state().pending().get("extract/" + run + "/ids").causationId()).isNotNull();
    }

    @Test
    void anEventTheRunIgnoresLeavesItsRowAloneButNotItsAuditTrail() throws Exception {
        String run = "mig-20261123160000-008";
        store.apply(run, requested(run, "district-108"));
        store.apply(run, answered(new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 9, List.of(), null)));
        String row = single("SELECT version || ' ' || updated_at FROM run WHERE run_id = '" + run + "'");
        // The same answer again under another message id: not awaited any more.
        store.apply(run, new RunEvent.Answered(UUID.randomUUID(), new PreflightResult(run, SPEC, 1, CheckStatus.PASSED, 9,
                List.of(), null), "extractor", AT.plusSeconds(600)));
        assertThat(single("SELECT version || ' ' || updated_at FROM run WHERE run_id = '" + run + "'")).isEqualTo(row);
        assertThat(store.audit(run)).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.audit(run).get(2).what()).startsWith("ignored PreflightResult");
        assertThat(count("run_event WHERE run_id = '" + run + "' AND payload IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aRetryWaitsInTheOutboxForItsBackoff() throws Exception {
        String run = "mig-20261123160000-003";
        store.apply(run, requested(run, "district-103"));
        Instant failedAt = AT.plusSeconds(60);
        store.apply(run, new RunEvent.Answered(UUID.randomUUID(), new PreflightResult(run, SPEC, 1, CheckStatus.FAILED,
                0, List.of(), new Failure(Failure.Kind.TRANSIENT, "PROD_UNREACHABLE", "store ids (prod) did not answer")),
                "extractor", failedAt));
        assertThat(single("SELECT to_char(not_before AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM outbox WHERE message_id = '"
                + MessageIds.forAttempt("preflight/" + run, 2) + "'")).isEqualTo("16:01:02");
    }

    @Test
    void aSecondRunForADistrictWithAnActiveRunIsRefusedByTheDatabaseAndLeavesNoTrace() throws Exception {
        String first = "mig-20261123160000-004";
        String second = "mig-20261123160000-005";
        store.apply(first, requested(first, "district-104"));
        RunEvent again = requested(second, "district-104");
        assertThatThrownBy(() -> store.apply(second, again)).isInstanceOf(DistrictBusyException.class)
                .hasMessageContaining("district district-104 has an active run, " + first);
        assertThat(count("run WHERE run_id = '" + second + "'")).isZero();
        assertThat(count("processed_message WHERE message_id = '" + again.id() + "'")).isZero();

        // Once the first has ended, the district takes a new run.
        store.apply(first, new RunEvent.Cancelled(UUID.randomUUID(), "ops", "make room", AT));
        assertThat(store.apply(second, again).state().status()).isEqualTo(RunStatus.REQUESTED);
        assertThat(strings("SELECT kind FROM run_task WHERE run_id = '" + first + "' ORDER BY id"))
                .containsExactly("clean-raw-staging", "report");
    }

    @Test
    void aRefusedActionOrAnUnknownRunWritesNothing() throws Exception {
        String run = "mig-20261123160000-006";
        store.apply(run, requested(run, "district-106"));
        RunEvent approve = new RunEvent.Approved(UUID.randomUUID(), "approver", AT);
        assertThatThrownBy(() -> store.apply(run, approve)).isInstanceOf(RunActionRefused.class)
                .hasMessageContaining("not awaiting approval");
        assertThat(store.audit(run)).hasSize(1);
        assertThat(count("processed_message WHERE message_id = '" + approve.id() + "'")).isZero();
        assertThatThrownBy(() -> store.apply("mig-20261123160000-999", new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, null)))
                .isInstanceOf(UnknownRunException.class).hasMessage("no run mig-20261123160000-999");
    }

    @Test
    void theAuditTrailCannotBeChangedOrDeleted() throws Exception {
        String run = "mig-20261123160000-007";
        store.apply(run, requested(run, "district-107"));
        for (String sql : List.of("UPDATE run_event SET what = 'rewritten' WHERE run_id = '" + run + "'",
                "DELETE FROM run_event WHERE run_id = '" + run + "'")) {
            assertThatThrownBy(() -> execute(sql)).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(store.audit(run)).singleElement().satisfies(e -> assertThat(e.what()).contains("preflight sent"));
    }

    private static RunEvent requested(String run, String district) {
        return new RunEvent.Requested(UUID.randomUUID(), run, district, SPEC, RunOptions.defaults(), PLAN, "ops", AT);
    }

    private static RunEvent answered(PreflightResult result) {
        return new RunEvent.Answered(UUID.randomUUID(), result, "extractor", AT);
    }

    private static long count(String from) throws SQLException {
        return Long.parseLong(single("SELECT count(*) FROM " + from));
    }

    private static String single(String sql) throws SQLException {
        return singleIn("coordinator", sql);
    }

    private static String singleIn(String database, String sql) throws SQLException {
        List<String> values = strings(database, sql);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static List<String> strings(String sql) throws SQLException {
        return strings("coordinator", sql);
    }

    private static List<String> strings(String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = server.connect("coordinator"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
