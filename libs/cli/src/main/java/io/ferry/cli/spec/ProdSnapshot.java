package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.planning.JdbcRowSource;
import io.ferry.planning.RowSource;
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

/**
 * One {@code REPEATABLE READ, READ ONLY} transaction per PROD PostgreSQL store, opened before the
 * catalog is read, so the schema and every row the plan reads come from the same snapshot. Nothing is
 * written; the transactions are rolled back on close.
 */
final class ProdSnapshot implements AutoCloseable {

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, RowSource> sources = new LinkedHashMap<>();
    private final List<String> skippedGraphStores = new ArrayList<>();
    private EstateSchema schema;

    static ProdSnapshot open(Spec spec, Path specFile) {
        ProdSnapshot snapshot = new ProdSnapshot();
        try {
            snapshot.openStores(spec, Resolver.forFolder(specFile.toAbsolutePath().getParent()));
            return snapshot;
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    private void openStores(Spec spec, Resolver resolver) {
        List<StoreSchema> stores = new ArrayList<>();
        for (Store store : spec.stores().values()) {
            if (store.kind() == StoreKind.NEO4J) {
                skippedGraphStores.add(store.name());
                continue;
            }
            try {
                Connection c = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()), true);
                connections.put(store.name(), c);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                requireReadOnlySnapshot(store.name(), c);
                StoreSchema storeSchema = new PostgresIntrospector().introspect(c, store.name(), store.schemas());
                stores.add(storeSchema);
                sources.put(store.name(), new JdbcRowSource(c, storeSchema));
            } catch (StoreUnavailableException e) {
                throw new FerryException(e.reason() == StoreUnavailableException.Reason.REFUSED
                        ? ExitCodes.REFUSED : ExitCodes.UNREACHABLE, e.getMessage());
            } catch (SQLException e) {
                throw new FerryException(ExitCodes.NOT_OK, "store " + store.name() + " (prod): opening the snapshot failed"
                        + " (SQLSTATE " + e.getSQLState() + ")");
            }
        }
        EstateSchema base = new EstateSchema(stores, List.of());
        schema = base.withSpecReferences(spec.specReferences(base).stream()
                .filter(r -> connections.containsKey(r.from().store()) && connections.containsKey(r.to().store()))
                .toList());
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
                throw new FerryException(ExitCodes.NOT_OK, "store " + store + " (prod): the session is '"
                        + rs.getString(1) + "', read only " + rs.getString(2)
                        + "; Ferry reads PROD only in a repeatable-read, read-only snapshot");
            }
        }
    }

    EstateSchema schema() {
        return schema;
    }

    Map<String, RowSource> sources() {
        return sources;
    }

    /** Graph stores the closure engine does not traverse yet. */
    List<String> skippedGraphStores() {
        return skippedGraphStores;
    }

    @Override
    public void close() {
        for (Connection c : connections.values()) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException e) {
                // Closing a read-only snapshot: nothing to lose.
            }
        }
    }
}
