package io.ferry.cli.spec;

import io.ferry.schema.model.StoreKind;
import io.ferry.spec.SpecError;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.ValidateRule;
import io.ferry.spec.parse.KeyPaths;
import io.ferry.spec.parse.Resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's business rules run in CERT (the validator evaluates them there over the run's rows), so
 * {@code EXPLAIN} in a read-only CERT session proves each one parses, names real columns and is boolean,
 * without reading a row.
 */
final class BusinessRuleCheck {

    private BusinessRuleCheck() {
    }

    static List<SpecError> check(Spec spec, Resolver resolver) {
        List<SpecError> errors = new ArrayList<>();
        Map<String, Connection> sessions = new HashMap<>();
        try {
            List<ValidateRule> rules = spec.validate();
            for (int i = 0; i < rules.size(); i++) {
                ValidateRule rule = rules.get(i);
                Store store = spec.stores().get(rule.table().store());
                if (store == null || store.kind() != StoreKind.POSTGRES) {
                    continue;
                }
                Connection c = sessions.computeIfAbsent(store.name(), name -> StoreConnector.openPostgres(name, "cert",
                        resolver.resolve(store.cert()), true));
                String reason = explain(c, rule);
                if (reason != null) {
                    errors.add(spec.source().error(KeyPaths.index("validate.rules", i) + ".check",
                            "the rule does not run in CERT on " + rule.table() + ": " + reason,
                            "write a boolean SQL expression over the table's own columns, as after WHERE"));
                }
            }
        } finally {
            sessions.values().forEach(BusinessRuleCheck::closeQuietly);
        }
        return errors;
    }

    /** The server's reason when the rule fails, else null. */
    private static String explain(Connection c, ValidateRule rule) {
        try (Statement s = c.createStatement()) {
            s.execute("EXPLAIN SELECT 1 FROM " + rule.table().qualified() + " WHERE (" + rule.check() + ")");
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Read-only session: nothing to lose.
        }
    }
}
