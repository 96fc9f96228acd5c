package io.ferry.planning;

import io.ferry.schema.model.TableId;
import java.util.Collection;
import java.util.List;

/**
 * The engine's only way to read a store: set-based questions answered in chunks, inside one read-only
 * snapshot. Keeping I/O behind this port lets the closure rules be tested on hand-made tables and lets
 * the extractor run the engine inside its own snapshot.
 */
public interface RowSource extends AutoCloseable {

    /** Receives one row: the values of the requested projections, in order (see {@link Tuple}). */
    @FunctionalInterface
    interface RowSink {
        void accept(Object[] row);
    }

    /**
     * Rows of {@code table} whose {@code matchColumns} hold one of {@code values} (tuples in the order of
     * the columns; none contains null), passing {@code filter} (an SQL condition, or null).
     */
    void select(TableId table, List<String> matchColumns, Collection<Tuple> values, List<Projection> projections,
            String filter, RowSink sink);

    /** Every row of {@code table} passing {@code filter}: for copy-all tables and non-indexed references. */
    void scan(TableId table, List<Projection> projections, String filter, RowSink sink);

    @Override
    default void close() {
    }
}
