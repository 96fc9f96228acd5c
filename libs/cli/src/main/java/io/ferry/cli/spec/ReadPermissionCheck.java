package io.ferry.cli.spec;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog is readable by anyone, so introspection succeeds for a user who may read no row; this
 * asks PostgreSQL, in one query per store, which tables the spec's PROD user may not SELECT from.
 */
final class ReadPermissionCheck {

    private static final int LISTED = 8;

    private ReadPermissionCheck() {
    }

    /** @throws FerryException with exit code 4 naming the user, the tables and the grant to add */
    static void requireReadable(Spec spec, ProdSnapshot prod) {
        for (Store store : spec.stores().values()) {
            Optional<Connection> connection = prod.connection(store.name());
            if (connection.isPresent()) {
                check(store, connection.get());
            }
        }
    }

    private static void check(Store store, Connection c) {
        String sql = "SELECT current_user, n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND NOT has_table_privilege(c.oid, 'SELECT') ORDER BY 2";
        List<String> tables = new ArrayList<>();
        String user = null;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", store.schemas().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    user = rs.getString(1);
                    tables.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "store " + store.name() + " (prod): checking read permissions failed"
                    + " (SQLSTATE " + e.getSQLState() + ")");
        }
        if (!tables.isEmpty()) {
            String listed = String.join(", ", tables.subList(0, Math.min(LISTED, tables.size())))
                    + (tables.size() > LISTED ? " and " + (tables.size() - LISTED) + " more" : "");
            throw new FerryException(ExitCodes.REFUSED, "store " + store.name() + " (prod): user " + user
                    + " may not read " + tables.size() + " table(s): " + listed + "; grant SELECT, e.g. GRANT"
                    + " pg_read_all_data TO " + user);
        }
    }
}
