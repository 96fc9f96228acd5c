package io.ferry.validator.check;

import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL a check needs to name rows and compare keys. Both engines (DuckDB and PostgreSQL) accept the
 * expressions written here.
 */
final class SqlKeys {

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    private SqlKeys() {
    }

    /**
     * The columns an example names a row by: CERT's primary key where the batches carry it, else a graph
     * element's key, else the first columns (a table without a key).
     */
    static List<String> exampleColumns(StagedTable staged, Table cert) {
        if (cert != null && cert.primaryKey() != null
                && cert.primaryKey().columns().stream().allMatch(c -> staged.column(c).isPresent())) {
            return cert.primaryKey().columns();
        }
        if (staged.id().schema().equals(TableId.RELATIONSHIPS)) {
            return staged.columns().stream().map(c -> c.name()).filter(n -> n.startsWith("from.") || n.startsWith("to."))
                    .toList();
        }
        int n = staged.graph() ? 1 : Math.min(3, staged.columns().size());
        return staged.columns().subList(0, n).stream().map(c -> c.name()).toList();
    }

    /** {@code a=1,b=x}: the example text of a row; anonymized values only, since the batches are. */
    static String exampleExpression(List<String> columns, String alias) {
        return columns.stream().map(c -> "'" + c.replace("'", "''") + "=' || coalesce(CAST(" + alias + "."
                + DuckSession.quote(c) + " AS VARCHAR), 'NULL')").collect(Collectors.joining(" || ',' || "));
    }

    static boolean integer(String pgType) {
        return INTEGERS.contains(pgType);
    }

    static boolean uuid(String pgType) {
        return pgType.equals("uuid");
    }
}
