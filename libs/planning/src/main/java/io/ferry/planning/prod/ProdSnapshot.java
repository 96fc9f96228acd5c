package io.ferry.planning.prod;

import io.ferry.planning.Completions;
import io.ferry.planning.JdbcRowSource;
import io.ferry.planning.RowSource;
import io.ferry.planning.graph.GraphSource;
import io.ferry.planning.graph.Neo4jGraphSource;
import io.ferry.planning.districts.GraphQueries;
import io.ferry.planning.districts.StoreQueries;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * PROD as the spec-driven commands see it: one {@code REPEATABLE READ, READ ONLY} transaction per
 * PostgreSQL store, opened before the catalog is read, so the schema and every row read later come from
 * the same snapshot; graph stores are introspected in a read transaction of their own (on a thread of their own,
 * while the relational stores are planned) and read in another ({@link #graphSource}). Nothing is
 * written; the transactions are rolled back on close.
 */
public final class ProdSnapshot implements StoreQueries, GraphQueries, AutoCloseable {

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, RowSource> sources = new LinkedHashMap<>();
    private final Map<String, StoreSchema> storeSchemas = new LinkedHashMap<>();
    private final Map<String, Driver> graphDrivers = new LinkedHashMap<>();
    private EstateSchema schema;
    /** The graph stores' schemas, read beside the relational stores' work ({@link #fullSchema} waits for them). */
    private final Map<String, CompletableFuture<StoreSchema>> graphSchemas = new LinkedHashMap<>();
    private Spec spec;
    private EstateSchema fullSchema;
    private final Resolver resolver;
    private final SessionSettings session;
    private final Map<String, Store> specStores = new LinkedHashMap<>();

    private ProdSnapshot(Resolver resolver, SessionSettings session) {
        this.resolver = resolver;
        this.session = session;
    }

    /** Opens every store of the spec; {@code specFile}'s folder resolves its placeholders and secret files. */
    public static ProdSnapshot open(Spec spec, Path specFile) {
        return open(spec, Resolver.forFolder(specFile.toAbsolutePath().getParent()));
    }

    public static ProdSnapshot open(Spec spec, Resolver resolver) {
        return open(spec, resolver, SessionSettings.DEFAULT);
    }

    /**
     * How PROD sessions identify and protect themselves: {@code application_name} shows who reads in
     * {@code pg_stat_activity}; {@code statement_timeout} bounds every statement (0 = the server's setting).
     */
    public record SessionSettings(String applicationName, java.time.Duration statementTimeout) {
        public static final SessionSettings DEFAULT = new SessionSettings("ferry", java.time.Duration.ZERO);

        /** Runs before the snapshot begins, in autocommit. */
        public void apply(Connection c) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("SET application_name = '" + applicationName.replace("'", "''") + "'");
                if (!statementTimeout.isZero()) {
                    st.execute("SET statement_timeout = " + statementTimeout.toMillis());
                }
            }
        }
    }

    public static ProdSnapshot open(Spec spec, Resolver resolver, SessionSettings session) {
        ProdSnapshot snapshot = new ProdSnapshot(resolver, session);
        try {
            snapshot.openStores(spec);
            return snapshot;
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    private void openStores(Spec spec) {
        this.spec = spec;
        List<StoreSchema> stores = new ArrayList<>();
        for (Store store : spec.stores().values()) {
            if (store.kind() == StoreKind.NEO4J) {
                graphSchemas.put(store.name(), introspectBeside(openGraph(store), store.name()));
                continue;
            }
            try {
                Connection c = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()), true);
                connections.put(store.name(), c);
                specStores.put(store.name(), store);
                session.apply(c);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                requireReadOnlySnapshot(store.name(), c);
                StoreSchema storeSchema = new PostgresIntrospector().introspect(c, store.name(), store.schemas());
                stores.add(storeSchema);
                sources.put(store.name(), new JdbcRowSource(c, storeSchema));
                storeSchemas.put(store.name(), storeSchema);
            } catch (StoreUnavailableException e) {
                throw unavailable(e);
            } catch (SQLException e) {
                throw new ProdAccessException(reasonOf(e), "store " + store.name() + " (prod): opening the snapshot failed"
                        + " (SQLSTATE " + e.getSQLState() + ")");
            }
        }
        EstateSchema base = new EstateSchema(stores, List.of());
        schema = base.withSpecReferences(spec.specReferences(base).stream()
                .filter(r -> connections.containsKey(r.from().store()) && connections.containsKey(r.to().store()))
                .toList());
    }

    /** The driver stays open for {@link #graphSource}; it is closed with the snapshot. */
    private Driver openGraph(Store store) {
        try {
            Driver driver = StoreConnector.openNeo4j(store.name(), "prod", resolver.resolve(store.prod()));
            graphDrivers.put(store.name(), driver);
            return driver;
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    /**
     * Reads a graph's schema on a thread of its own: its property scans take about 0.3 s on the large estate's graph,
     * which the relational closure, the first thing planned, does not need.
     */
    private static CompletableFuture<StoreSchema> introspectBeside(Driver driver, String store) {
        CompletableFuture<StoreSchema> schema = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("graph-introspection-" + store).start(() -> {
            try {
                schema.complete(new Neo4jIntrospector().introspect(driver, store));
            } catch (RuntimeException | Error e) {
                schema.completeExceptionally(e);
            }
        });
        return schema;
    }

    /**
     * The driver turns the connection settings into {@code BEGIN}; this checks on the server that the
     * transaction really is a repeatable-read, read-only snapshot before anything is read from PROD.
     */
    private static void requireReadOnlySnapshot(String store, Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')")) {
            rs.next();
            if (!"repeatable read".equals(rs.getString(1)) || !"on".equals(rs.getString(2))) {
                throw new ProdAccessException(ProdAccessException.Reason.FAILED, "store " + store + " (prod): the session is '"
                        + rs.getString(1) + "', read only " + rs.getString(2)
                        + "; Ferry reads PROD only in a repeatable-read, read-only snapshot");
            }
        }
    }

    /** The relational stores (the ones the closure engine reads) and the spec's references between them. */
    public EstateSchema schema() {
        return schema;
    }

    /** Every store of the spec, graphs included, with all of the spec's references; waits for the graphs' schemas. */
    public synchronized EstateSchema fullSchema() {
        if (fullSchema == null) {
            List<StoreSchema> all = new ArrayList<>(storeSchemas.values());
            // the introspection's failure (a lost server, a refused query) is thrown as it was
            graphSchemas.values().forEach(introspected -> all.add(Completions.join(introspected)));
            EstateSchema full = new EstateSchema(all, List.of());
            fullSchema = full.withSpecReferences(spec.specReferences(full));
        }
        return fullSchema;
    }

    /** The snapshot's connection to a PostgreSQL store. */
    public java.util.Optional<Connection> connection(String store) {
        return java.util.Optional.ofNullable(connections.get(store));
    }

    /**
     * A new read-only session on a PostgreSQL store that sees exactly this snapshot, for reading in
     * parallel ({@code pg_export_snapshot()} here, {@code SET TRANSACTION SNAPSHOT} there). It works on a hot
     * standby. The caller closes it; it stays valid while this snapshot is open.
     */
    public Connection openSharing(String store) {
        Connection main = connections.get(store);
        if (main == null) {
            throw new ProdAccessException(ProdAccessException.Reason.USAGE, "store " + store + " is not a PostgreSQL store of the spec");
        }
        Connection c = null;
        try {
            String id;
            try (var st = main.createStatement(); var rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                id = rs.getString(1);
            }
            c = StoreConnector.openPostgres(store, "prod", resolver.resolve(specStores.get(store).prod()), true);
            session.apply(c);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
            }
            requireReadOnlySnapshot(store, c);
            return c;
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ProdAccessException(reasonOf(e), "store " + store
                    + " (prod): sharing the snapshot with a second session failed (SQL state " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Lost sessions, server shutdowns and standby recovery conflicts are worth a retry; the rest is not. */
    private static ProdAccessException.Reason reasonOf(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.startsWith("53")
                ? ProdAccessException.Reason.UNREACHABLE : ProdAccessException.Reason.FAILED;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Nothing was written; the session just ends.
            }
        }
    }

    public Map<String, RowSource> sources() {
        return sources;
    }

    /**
     * Row sources on sessions of their own that see exactly this snapshot ({@link #openSharing}), one per
     * PostgreSQL store, for a thread that reads while another uses {@link #sources()}. They are opened here, on
     * the caller's thread, because exporting the snapshot is a statement on its own session.
     */
    public SharedSources shareSources() {
        SharedSources shared = shareOnDemand();
        try {
            connections.keySet().forEach(shared::get);
            return shared;
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    /**
     * {@link #shareSources()} with each store's session opened on its first {@link SharedSources#get}, on the
     * calling thread, which must be the one that uses {@link #sources()} then (or none may).
     */
    public SharedSources shareOnDemand() {
        return new SharedSources(this);
    }

    /** {@link #shareSources()}: row sources by store; closing ends their sessions. */
    public static final class SharedSources implements AutoCloseable {
        private final ProdSnapshot snapshot;
        private final Map<String, RowSource> sources = new LinkedHashMap<>();
        private final List<Connection> connections = new ArrayList<>();

        private SharedSources(ProdSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** The store's row source, or null for a store that is not a PostgreSQL store of the spec. */
        public RowSource get(String store) {
            if (!sources.containsKey(store) && snapshot.connections.containsKey(store)) {
                Connection c = snapshot.openSharing(store);
                connections.add(c);
                sources.put(store, new JdbcRowSource(c, snapshot.storeSchemas.get(store)));
            }
            return sources.get(store);
        }

        @Override
        public void close() {
            connections.forEach(ProdSnapshot::closeQuietly);
            connections.clear();
        }
    }

    /** A read transaction on a graph store that returns only {@code properties} of nodes; close it after use. */
    public GraphSource graphSource(String store, List<String> properties) {
        Driver driver = graphDrivers.get(store);
        if (driver == null) {
            throw new ProdAccessException(ProdAccessException.Reason.USAGE, "store " + store + " is not a graph store of the spec");
        }
        return new Neo4jGraphSource(driver, properties);
    }

    /**
     * Runs {@code work} in one read transaction of a read-only session on a graph store, then rolls the
     * transaction back: the extractor reads a graph closure's nodes and relationships in it. Neo4j has no
     * snapshot across transactions, so this sees the graph as it is now, not as {@link #graphSource} saw it.
     * A {@link Neo4jException} from the driver or from {@code work} passes through unchanged, so the caller
     * can tell a lost server from a failed query.
     */
    public <T> T readGraph(String store, java.util.function.Function<org.neo4j.driver.Transaction, T> work) {
        Driver driver = graphDrivers.get(store);
        if (driver == null) {
            throw new ProdAccessException(ProdAccessException.Reason.USAGE, "store " + store + " is not a graph store of the spec");
        }
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build());
                org.neo4j.driver.Transaction tx = session.beginTransaction()) {
            T result = work.apply(tx);
            // On failure, closing the transaction rolls it back (an error there is added as suppressed).
            tx.rollback();
            return result;
        }
    }

    /** Runs a read-only query of the district survey inside the store's snapshot. */
    @Override
    public void query(String store, String sql, java.util.function.Consumer<String[]> row) {
        try (var st = connections.get(store).createStatement()) {
            st.setFetchSize(10_000);
            try (var rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    row.accept(values);
                }
            }
        } catch (SQLException e) {
            throw new ProdAccessException(ProdAccessException.Reason.FAILED, "store " + store + " (prod): a survey query failed (SQLSTATE "
                    + e.getSQLState() + ": " + e.getMessage() + ")");
        }
    }

    /** Counts a label's nodes per distinct value of {@code properties} for the district survey, in a read transaction. */
    @Override
    public void countNodes(String store, String label, List<String> properties, java.util.function.Consumer<String[]> row) {
        Driver driver = graphDrivers.get(store);
        if (driver == null) {
            throw new ProdAccessException(ProdAccessException.Reason.USAGE, "store " + store + " is not a graph store of the spec");
        }
        StringBuilder cypher = new StringBuilder("MATCH (n:").append(cypherName(label)).append(") RETURN ");
        for (int i = 0; i < properties.size(); i++) {
            cypher.append("n.").append(cypherName(properties.get(i))).append(" AS v").append(i).append(", ");
        }
        cypher.append("count(*) AS c");
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            session.executeRead(tx -> {
                tx.run(cypher.toString()).forEachRemaining(r -> {
                    String[] values = new String[properties.size() + 1];
                    for (int i = 0; i <= properties.size(); i++) {
                        Value v = r.get(i);
                        values[i] = v.isNull() ? null : String.valueOf(v.asObject());
                    }
                    row.accept(values);
                });
                return null;
            });
        } catch (Neo4jException e) {
            throw new ProdAccessException(ProdAccessException.Reason.FAILED, "store " + store + " (prod): a survey query failed ("
                    + e.code() + ": " + e.getMessage() + ")");
        }
    }

    private static ProdAccessException unavailable(StoreUnavailableException e) {
        return new ProdAccessException(e.reason() == StoreUnavailableException.Reason.REFUSED
                ? ProdAccessException.Reason.REFUSED : ProdAccessException.Reason.UNREACHABLE, e.getMessage());
    }

    private static String cypherName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public void close() {
        for (Driver driver : graphDrivers.values()) {
            try {
                driver.close();
            } catch (RuntimeException e) {
                // A read-only session; the next one closes regardless.
            }
        }
        for (Connection c : connections.values()) {
            try {
                c.rollback();
            } catch (SQLException e) {
                // Closing a read-only snapshot: nothing to lose.
            } finally {
                closeQuietly(c);
            }
        }
    }
}
