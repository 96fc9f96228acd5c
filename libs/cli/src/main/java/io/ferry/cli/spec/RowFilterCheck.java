package io.ferry.cli.spec;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.TableId;
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
 * Row filters and count conditions are SQL the spec hands to PROD; {@code EXPLAIN} in the read-only
 * snapshot proves each one parses and names real columns before any run, without reading a row.
 */
final class RowFilterCheck {

    private RowFilterCheck() {
    }

    static List<SpecError> check(Spec spec, ProdSnapshot prod) {
        List<SpecError> errors = new ArrayList<>();
        for (Map.Entry<Ref, TableRule> entry : spec.closure().tables().entrySet()) {
            check(spec, prod, entry.getKey().table(), entry.getValue().filter(),
                    KeyPaths.child("closure.tables", entry.getKey().toString()) + ".filter", "row filter", errors);
        }
        spec.districts().counts().forEach((name, count) -> check(spec, prod, count.table(), count.where(),
                KeyPaths.child("districts.counts", name) + ".where", "count condition", errors));
        return errors;
    }

    private static void check(Spec spec, ProdSnapshot prod, TableId table, String condition, String path, String what,
            List<SpecError> errors) {
        Optional<Connection> connection = prod.connection(table.store());
        if (condition == null || connection.isEmpty()) {
            return;
        }
        explain(connection.get(), table, condition).ifPresent(reason -> errors.add(spec.source().error(path,
                "the " + what + " does not run on " + table + ": " + reason,
                "write a SQL condition over the table's own columns, as after WHERE")));
    }

    /** The server's reason when the filter fails; the snapshot survives through a savepoint. */
    private static Optional<String> explain(Connection c, TableId table, String filter) {
        Savepoint savepoint = null;
        try (Statement s = c.createStatement()) {
            savepoint = c.setSavepoint();
            s.execute("EXPLAIN SELECT 1 FROM " + table.qualified() + " WHERE (" + filter + ")");
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
