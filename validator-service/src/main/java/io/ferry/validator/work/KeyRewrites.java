package io.ferry.validator.work;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Spec;

import java.util.HashSet;
import java.util.Set;

/** Which columns of a table the load may rewrite with CERT keys: what validation and verify compare differently. */
public final class KeyRewrites {

    private KeyRewrites() {
    }

    public static ConflictStrategy strategy(Spec spec, TableId table) {
        return spec.load().keys().getOrDefault(table, spec.load().conflict());
    }

    /** The table's own remapped key and its plain references to remapped tables: they may hold fresh CERT keys. */
    public static Set<String> remapped(Spec spec, EstateSchema cert, TableId table) {
        Set<String> columns = new HashSet<>();
        if (strategy(spec, table) == ConflictStrategy.REMAP) {
            cert.table(table).flatMap(Table::primary).ifPresent(k -> columns.addAll(k.columns()));
        }
        for (Reference r : cert.references()) {
            if (r.from().equals(table) && r.jsonPath() == null && strategy(spec, r.to()) == ConflictStrategy.REMAP) {
                columns.addAll(r.fromColumns());
            }
        }
        return columns;
    }

    /**
     * Every column whose values the load may have replaced through a key map: the table's own remapped key, and
     * its references (plain or through a JSON path) to tables that are remapped or skipped onto CERT's rows.
     */
    public static Set<String> rewritten(Spec spec, EstateSchema cert, TableId table) {
        Set<String> columns = new HashSet<>();
        if (strategy(spec, table) == ConflictStrategy.REMAP) {
            cert.table(table).flatMap(Table::primary).ifPresent(k -> columns.addAll(k.columns()));
        }
        for (Reference r : cert.references()) {
            ConflictStrategy target = strategy(spec, r.to());
            if (r.from().equals(table) && (target == ConflictStrategy.REMAP || target == ConflictStrategy.SKIP)) {
                columns.addAll(r.fromColumns());
            }
        }
        return columns;
    }
}
