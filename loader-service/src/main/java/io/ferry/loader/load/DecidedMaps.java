package io.ferry.loader.load;

import io.ferry.schema.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key maps a store's load decided, published before it commits so that the stores referencing it load beside
 * it (ADR 4): {@code ferry.decided_map} says where the run's load of the store is, {@code ferry.decided_key} holds
 * what a referencing store would read from {@code ferry.key_map} and {@code ferry.shared_row} after the commit.
 * The publishing statements run on a session of their own, outside the load's transaction, which deletes both at
 * its commit; a reader takes the published map or the committed one in one statement, so a commit between two
 * reads cannot hand it half of each.
 */
public final class DecidedMaps {

    /** Where the run's load of a store is, for the stores that wait for its maps. */
    public enum State {
        /** An attempt began and has not decided its keys yet. */
        LOADING,
        /** The keys are decided and published; the load goes on. */
        DECIDED,
        /** The attempt failed and the coordinator retries it. */
        RETRYING,
        /** The attempt failed and nothing retries it without an operator (fatal, blocked). */
        FAILED;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private DecidedMaps() {
    }

    /** Marks an attempt of the run's load begun (a failed earlier attempt's mark no longer holds). */
    public static void mark(Connection side, String runId, State state) throws SQLException {
        try (PreparedStatement st = side.prepareStatement("INSERT INTO ferry.decided_map (run_id, state) VALUES (?, ?)"
                + " ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, changed_at = clock_timestamp()")) {
            st.setString(1, runId);
            st.setString(2, state.sql());
            st.executeUpdate();
        }
    }

    /**
     * Publishes the run's decided maps. An earlier attempt's decision may have been read by a store that loaded
     * since, so a decision that differs from it fails the load for good: CERT took a key in between.
     *
     * @param side a session in auto-commit mode, not the load's
     * @param maps per remapped table, as {@link RunKeyMap#read} gives it inside the load's transaction
     * @throws LoadFailedException the run decided other keys before
     */
    public static void publish(Connection side, String store, String runId, Map<TableId, Map<String, String>> maps)
            throws SQLException {
        side.setAutoCommit(false);
        try {
            boolean decidedBefore;
            try (PreparedStatement st = side.prepareStatement("SELECT decided_at IS NOT NULL FROM ferry.decided_map"
                    + " WHERE run_id = ? FOR UPDATE")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    decidedBefore = rs.next() && rs.getBoolean(1);
                }
            }
            if (decidedBefore && !published(side, runId).equals(flatten(maps))) {
                throw new LoadFailedException(store, "run " + runId + " decided other CERT keys in an earlier attempt,"
                        + " which stores referencing it may have loaded with; CERT took one of them since: roll the run"
                        + " back and run it again", null);
            }
            try (PreparedStatement st = side.prepareStatement("DELETE FROM ferry.decided_key WHERE run_id = ?")) {
                st.setString(1, runId);
                st.executeUpdate();
            }
            try (PreparedStatement st = side.prepareStatement("INSERT INTO ferry.decided_key (run_id, table_name,"
                    + " source_key, cert_key) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<TableId, Map<String, String>> table : maps.entrySet()) {
                    for (Map.Entry<String, String> e : new TreeMap<>(table.getValue()).entrySet()) {
                        st.setString(1, runId);
                        st.setString(2, table.getKey().qualified());
                        st.setString(3, e.getKey());
                        st.setString(4, e.getValue());
                        st.addBatch();
                    }
                }
                st.executeBatch();
            }
            try (PreparedStatement st = side.prepareStatement("INSERT INTO ferry.decided_map (run_id, state, decided_at)"
                    + " VALUES (?, 'decided', clock_timestamp()) ON CONFLICT (run_id) DO UPDATE SET state = 'decided',"
                    + " decided_at = excluded.decided_at, changed_at = clock_timestamp()")) {
                st.setString(1, runId);
                st.executeUpdate();
            }
            side.commit();
        } catch (SQLException | RuntimeException e) {
            side.rollback();
            throw e;
        } finally {
            side.setAutoCommit(true);
        }
    }

    /** Inside the load's transaction, just before its commit: the committed maps take over from the published. */
    static void retire(Connection cert, String runId) throws SQLException {
        for (String table : new String[] {"ferry.decided_key", "ferry.decided_map"}) {
            try (PreparedStatement st = cert.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                st.setString(1, runId);
                st.executeUpdate();
            }
        }
    }

    /**
     * What a store waiting for {@code table}'s map finds in the store that holds it: the map once the run's load
     * there decided it or committed, else where that load is.
     *
     * @param map the map when {@link #state} is {@code DECIDED} or the run is committed there; else null
     * @param state null when the run is committed there
     */
    record Found(Map<String, String> map, State state) {
    }

    /** One statement, so a commit between reading the state and the entries cannot mix the two. */
    static Found find(Connection other, String runId, String district, TableId table) throws SQLException {
        try (PreparedStatement st = other.prepareStatement("WITH s AS (SELECT EXISTS (SELECT 1 FROM ferry.run WHERE"
                + " run_id = ?) AS committed, (SELECT state FROM ferry.decided_map WHERE run_id = ?) AS state)"
                + " SELECT 0 AS o, NULL AS source_key, NULL AS cert_key, s.committed, s.state FROM s"
                + " UNION ALL SELECT 1, k.source_key, k.cert_key, NULL, NULL FROM s, ferry.decided_key k"
                + " WHERE NOT s.committed AND s.state = 'decided' AND k.run_id = ? AND k.table_name = ?"
                + " UNION ALL SELECT 2 + m.o, m.source_key, m.cert_key, NULL, NULL FROM s, (" + RunKeyMap.COMMITTED
                + ") m WHERE s.committed ORDER BY 1")) {
            st.setString(1, runId);
            st.setString(2, runId);
            st.setString(3, runId);
            st.setString(4, table.qualified());
            st.setString(5, district);
            st.setString(6, table.qualified());
            st.setString(7, district);
            st.setString(8, table.qualified());
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                boolean committed = rs.getBoolean(4);
                String state = rs.getString(5);
                if (!committed && !"decided".equals(state)) {
                    return new Found(null, state == null ? State.LOADING : State.valueOf(state.toUpperCase(java.util.Locale.ROOT)));
                }
                Map<String, String> map = new HashMap<>();
                while (rs.next()) {
                    map.put(rs.getString(2), rs.getString(3));
                }
                return new Found(map, committed ? null : State.DECIDED);
            }
        }
    }

    /**
     * Waits until the run's load of {@code table}'s store decided its keys or committed, and returns that map.
     *
     * @param wait          how long to wait for a load that is under way or retried
     * @param grace         how long a failed load's mark must hold before this gives up: a new attempt of that load,
     *                      sent with this one, clears it when it begins
     * @param retryingGrace how long a retried load's mark may hold with no new attempt beginning (which marks it
     *                      loading) before this gives up: the coordinator retries within its backoff, so a mark that
     *                      holds longer means it gave up on that store (it does not tell the loader)
     * @throws MapNotDecidedException the store's load failed for good, or did not decide within {@code wait}
     */
    public static Map<String, String> await(Connection other, String runId, String district, TableId table,
            Duration wait, Duration grace, Duration retryingGrace) throws SQLException {
        long start = System.nanoTime();
        State held = null;
        long heldSince = start;
        while (true) {
            Found found = find(other, runId, district, table);
            if (found.map() != null) {
                return found.map();
            }
            long now = System.nanoTime();
            if (found.state() != held) {
                held = found.state();
                heldSince = now;
            }
            if (held == State.FAILED && now - heldSince >= grace.toNanos()) {
                throw new MapNotDecidedException(table, runId, "its load there failed");
            }
            if (held == State.RETRYING && now - heldSince >= retryingGrace.toNanos()) {
                throw new MapNotDecidedException(table, runId, "its load there failed and no new attempt began within "
                        + String.format(java.util.Locale.ROOT, "%.1f s", retryingGrace.toMillis() / 1000.0));
            }
            if (now - start >= wait.toNanos()) {
                throw new MapNotDecidedException(table, runId, "its load there did not decide its keys within "
                        + wait.toSeconds() + " s (state " + found.state().sql() + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MapNotDecidedException(table, runId, "the wait was interrupted");
            }
        }
    }

    /** The run's published entries, by table. */
    private static Map<String, Map<String, String>> published(Connection side, String runId) throws SQLException {
        Map<String, Map<String, String>> maps = new TreeMap<>();
        try (PreparedStatement st = side.prepareStatement("SELECT table_name, source_key, cert_key FROM"
                + " ferry.decided_key WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    maps.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return maps;
    }

    private static Map<String, Map<String, String>> flatten(Map<TableId, Map<String, String>> maps) {
        Map<String, Map<String, String>> flat = new TreeMap<>();
        maps.forEach((t, m) -> {
            if (!m.isEmpty()) {
                flat.put(t.qualified(), new HashMap<>(m));
            }
        });
        return flat;
    }

    /** The referenced store's load has no map to give yet, or will not have one: this load did not begin. */
    public static final class MapNotDecidedException extends RuntimeException {

        MapNotDecidedException(TableId table, String runId, String why) {
            super("the key map of " + table.qualified() + " for run " + runId + " is not there: " + why);
        }
    }
}
