package io.ferry.estate.tables;

import io.ferry.estate.model.World;
import java.util.List;
import java.util.Set;

/**
 * One PostgreSQL table of the estate: its store, SQL name, COPY column list (PROD), the PROD
 * columns CERT lacks, and the code that emits its rows from a {@link World}.
 */
public record TableDef(String store, String table, List<String> columns, Set<String> prodOnly, Emitter emitter) {

    @FunctionalInterface
    public interface Emitter {
        void emit(World world, RowSink sink);
    }

    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(table + " has no column " + name);
        }
        return i;
    }

    /** The COPY column list for PROD or CERT. */
    public List<String> copyColumns(boolean cert) {
        return cert ? columns.stream().filter(c -> !prodOnly.contains(c)).toList() : columns;
    }

    public boolean[] skipMask(boolean cert) {
        boolean[] m = new boolean[columns.size()];
        if (cert) {
            for (int i = 0; i < m.length; i++) {
                m[i] = prodOnly.contains(columns.get(i));
            }
        }
        return m;
    }
}
