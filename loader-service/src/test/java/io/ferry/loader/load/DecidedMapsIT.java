package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cert.PostgresTarget;
import io.ferry.schema.model.TableId;
import io.ferry.testkit.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published key maps of ADR 4 on a real CERT database: a retry must decide the keys its earlier attempt
 * published, and a store waiting for a map gets the published one, the committed one, or gives up on a load that
 * failed or never decided.
 */
class DecidedMapsIT {

    private static final String DB = "ids";
    private static final TableId PERSON = new TableId("ids", "public", "person");
    private static final TableId SCHOOL = new TableId("ids", "public", "school");
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final Duration RETRYING = Duration.ofMinutes(1);

    private static PostgresServer pg;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.startTemporary();
        pg.createDatabase(DB);
        try (Connection c = pg.connect(DB)) {
            PostgresTarget.prepare(DB, c, pg.jdbcUrl(DB), PostgresServer.SUPERUSER, "unused", PostgresServer.SUPERUSER);
        }
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aRetryMustDecideTheKeysItsEarlierAttemptPublished() throws Exception {
        String run = "mig-20261126100000-001";
        try (Connection c = pg.connect(DB)) {
            DecidedMaps.mark(c, run, DecidedMaps.State.LOADING);
            DecidedMaps.publish(c, DB, run, Map.of(PERSON, Map.of("7", "1007", "8", "1008"), SCHOOL, Map.of()));
            assertThat(DecidedMaps.await(c, run, "district-001", PERSON, Duration.ZERO, GRACE, RETRYING))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("7", "1007", "8", "1008"));

            // The attempt failed after publishing; the next one lands on the same keys.
            DecidedMaps.mark(c, run, DecidedMaps.State.RETRYING);
            DecidedMaps.mark(c, run, DecidedMaps.State.LOADING);
            DecidedMaps.publish(c, DB, run, Map.of(PERSON, Map.of("8", "1008", "7", "1007")));

            // One that does not fails for good and leaves the published map as it was.
            DecidedMaps.mark(c, run, DecidedMaps.State.LOADING);
            assertThatThrownBy(() -> DecidedMaps.publish(c, DB, run, Map.of(PERSON, Map.of("7", "1007", "8", "1009"))))
                    .isInstanceOf(LoadFailedException.class)
                    .hasMessageContaining("decided other CERT keys in an earlier attempt")
                    .satisfies(e -> assertThat(((LoadFailedException) e).worthRetrying()).isFalse());
            assertThatThrownBy(() -> DecidedMaps.publish(c, DB, run, Map.of(PERSON, Map.of("7", "1007"))))
                    .isInstanceOf(LoadFailedException.class);
            DecidedMaps.mark(c, run, DecidedMaps.State.DECIDED);
            assertThat(DecidedMaps.await(c, run, "district-001", PERSON, Duration.ZERO, GRACE, RETRYING))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("7", "1007", "8", "1008"));
        }
    }

    @Test
    void aWaitingStoreGetsTheMapOnceDecidedAndTheCommittedOneAfterTheCommit() throws Exception {
        String run = "mig-20261126100000-002";
        try (Connection c = pg.connect(DB); Connection waiting = pg.connect(DB)) {
            DecidedMaps.mark(c, run, DecidedMaps.State.LOADING);
            CompletableFuture<Map<String, String>> map = CompletableFuture.supplyAsync(() -> awaitQuietly(waiting, run,
                    Duration.ofMinutes(1)));
            Thread.sleep(500);
            assertThat(map).as("waits while the load has not decided").isNotDone();
            DecidedMaps.publish(c, DB, run, Map.of(PERSON, Map.of("3", "1003")));
            assertThat(map.get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderEntriesOf(Map.of("3", "1003"));

            // The load's commit: its run row and key map in, the published map retired, in one transaction.
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO ferry.run (run_id, district, spec_hash, key_version, requested_by, status) VALUES"
                        + " ('" + run + "', 'district-002', 'h', 1, 'test', 'loaded')");
                st.execute("INSERT INTO ferry.key_map (district, table_name, source_key, cert_key, run_id) VALUES"
                        + " ('district-002', 'public.person', '3', '1003', '" + run + "'),"
                        + " ('district-002', 'public.person', '4', '4', '" + run + "')");
            }
            DecidedMaps.retire(c, run);
            c.commit();
            c.setAutoCommit(true);
            assertThat(DecidedMaps.await(waiting, run, "district-002", PERSON, Duration.ZERO, GRACE, RETRYING))
                    .as("the keys the committed map moves").containsExactlyInAnyOrderEntriesOf(Map.of("3", "1003"));
        }
    }

    @Test
    void aWaitingStoreGivesUpOnALoadThatFailedForGoodOrNeverDecides() throws Exception {
        String run = "mig-20261126100000-003";
        try (Connection c = pg.connect(DB)) {
            DecidedMaps.mark(c, run, DecidedMaps.State.FAILED);
            long start = System.nanoTime();
            assertThatThrownBy(() -> DecidedMaps.await(c, run, "district-001", PERSON, Duration.ofMinutes(1), GRACE,
                    RETRYING))
                    .isInstanceOf(DecidedMaps.MapNotDecidedException.class)
                    .hasMessage("the key map of public.person for run " + run + " is not there: its load there failed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("held for the grace first").isGreaterThanOrEqualTo(GRACE);

            // Retried: the store waits on, until its wait is over.
            DecidedMaps.mark(c, run, DecidedMaps.State.RETRYING);
            assertThatThrownBy(() -> DecidedMaps.await(c, run, "district-001", PERSON, Duration.ofMillis(400), GRACE,
                    RETRYING))
                    .isInstanceOf(DecidedMaps.MapNotDecidedException.class)
                    .hasMessageContaining("did not decide its keys within 0 s (state retrying)");
        }
        // Retried, and no new attempt begins: the coordinator gave up on the store, so the waiting store gives up too.
        String givenUp = "mig-20261126100000-005";
        try (Connection c = pg.connect(DB)) {
            DecidedMaps.mark(c, givenUp, DecidedMaps.State.RETRYING);
            long start = System.nanoTime();
            assertThatThrownBy(() -> DecidedMaps.await(c, givenUp, "district-001", PERSON, Duration.ofMinutes(1), GRACE,
                    Duration.ofMillis(500)))
                    .isInstanceOf(DecidedMaps.MapNotDecidedException.class)
                    .hasMessage("the key map of public.person for run " + givenUp + " is not there: its load there failed"
                            + " and no new attempt began within 0.5 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
                    Duration.ofSeconds(30));
        }
        String never = "mig-20261126100000-004";
        try (Connection c = pg.connect(DB)) {
            assertThatThrownBy(() -> DecidedMaps.await(c, never, "district-001", PERSON, Duration.ofMillis(200), GRACE, RETRYING))
                    .isInstanceOf(DecidedMaps.MapNotDecidedException.class)
                    .hasMessageContaining("(state loading)");
        }
    }

    private static Map<String, String> awaitQuietly(Connection c, String run, Duration wait) {
        try {
            return DecidedMaps.await(c, run, "district-001", PERSON, wait, GRACE, RETRYING);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
