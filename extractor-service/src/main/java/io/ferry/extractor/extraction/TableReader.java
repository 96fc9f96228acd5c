package io.ferry.extractor.extraction;

import io.ferry.batches.CopyText;
import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.ValueKind;
import io.ferry.schema.model.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams one table's rows of the closure out of a PROD session with {@code COPY}, in chunks of sorted
 * keys, into a {@link BatchOutput}. Rows are never held beyond the chunk being decoded.
 */
final class TableReader {

    /** Keys per {@code COPY}: big enough to amortise a statement, small enough for a quick index plan. */
    static final int CHUNK = 20_000;

    interface ChunkListener {
        /** Called after each chunk; throws to stop the table (e.g. the snapshot got too old). */
        void chunkDone(long rowsSoFar);
    }

    private final Connection connection;

    TableReader(Connection connection) {
        this.connection = connection;
    }

    /** @param keys the table's sorted keys in the closure ({@link Closure#keys}) */
    void read(Table table, Closure closure, List<String> keyColumns, List<Tuple> keys, ReferenceNulling nulling,
            BatchOutput out, ChunkListener listener) throws SQLException {
        int columns = table.columns().size();
        if (table.primaryKey() == null) {
            ValueKind[] kinds = table.columns().stream().map(ValueKind::of).toArray(ValueKind[]::new);
            copy(ExtractQueries.copyAll(table), columns, row -> {
                boolean included;
                synchronized (closure) {
                    included = closure.contains(table.id(), identity(row, kinds));
                }
                if (included) {
                    nulling.apply(row);
                    out.write(row);
                }
            });
            listener.chunkDone(out.rows());
            return;
        }
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Tuple> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            String sql = ExtractQueries.copyByKeys(table, keyColumns, chunk);
            if (nulling.changesNothing()) {
                // rows as PROD sent them: no string per value (a text or integer value goes into the batch as bytes)
                copyLines(sql, out::writeCopyLine);
            } else {
                copy(sql, columns, row -> {
                    nulling.apply(row);
                    out.write(row);
                });
            }
            listener.chunkDone(out.rows());
        }
    }

    /** The engine's identity of a row of a table without a primary key: every column, integers as numbers. */
    private static Tuple identity(String[] row, ValueKind[] kinds) {
        Object[] values = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = kinds[i].convert(row[i]);
        }
        return new Tuple(values);
    }

    private void copy(String sql, int columns, java.util.function.Consumer<String[]> sink) throws SQLException {
        copyLines(sql, line -> sink.accept(CopyText.decodeRow(line, columns)));
    }

    private void copyLines(String sql, java.util.function.Consumer<byte[]> sink) throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        try {
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                sink.accept(line);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
