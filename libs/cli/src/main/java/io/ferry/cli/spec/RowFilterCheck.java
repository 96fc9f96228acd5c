package io.ferry.cli.spec;

import io.ferry.spec.SpecError;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.TableRule;
import io.ferry.spec.parse.KeyPaths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Row filters are SQL the spec hands to PROD; {@code EXPLAIN} in the read-only snapshot proves each one
 * parses and names real columns before any run, without reading a row.
 */
final class RowFilterCheck {

    private RowFilterCheck() {
    }

    static List<SpecError> check(Spec spec, ProdSnapshot prod) {
        List<SpecError> errors = new ArrayList<>();
        if (spec.closure() == null) {
            return errors;
        }
        for (Map.Entry<Ref, TableRule> entry : spec.closure().tables().entrySet()) {
            String filter = entry.getValue().filter();
            Optional<Connection> connection = prod.connection(entry.getKey().table().store());
            if (filter == null || connection.isEmpty()) {
                continue;
            }
            explain(connection.get(), entry.getKey(), filter).ifPresent(reason -> errors.add(spec.source().error(
                    KeyPaths.child("closure.tables", entry.getKey().toString()) + ".filter",
                    "the row filter does not run on " + entry.getKey().table() + ": " + reason,
                    "write a SQL condition over the table's own columns, as after WHERE")));
        }
        return errors;
    }

    /** The server's reason when the filter fails; the snapshot survives through a savepoint. */
    private static Optional<String> explain(Connection c, Ref table, String filter) {
        Savepoint savepoint = null;
        try (Statement s = c.createStatement()) {
            savepoint = c.setSavepoint();
            s.execute("EXPLAIN SELECT 1 FROM " + table.table().qualified() + " WHERE (" + filter + ")");
            c.releaseSavepoint(savepoint);
            return Optional.empty();
        } catch (SQLException e) {
            try {
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
            } catch (SQLException ignored) {
                // The snapshot is rolled back on close anyway.
            }
            return Optional.of(e.getMessage());
        }
    }
}
