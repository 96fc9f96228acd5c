package io.ferry.loader.load;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One table's batches into its CERT table, inside the store's transaction: the batches' mapped columns are
 * copied as text into a temporary table, then one {@code INSERT ... SELECT} casts them to CERT's types and
 * records every inserted row in the ledger through a writable CTE, so rows and ledger cannot part. CERT
 * fills what the mapping leaves to it (defaults, generated columns, BEFORE triggers); the ledger's hash is
 * of the row as CERT stored it.
 */
final class TableLoad {

    /** Rows are encoded into a buffer and sent to the server's COPY in pieces of about this size. */
    private static final int COPY_CHUNK = 4 << 20;
    private static final String TEMP = "ferry_load_rows";

    private final Connection cert;
    private final StagedTable staged;
    private final Table target;
    private final TableMapping mapping;

    TableLoad(Connection cert, StagedTable staged, Table target, TableMapping mapping) {
        this.cert = cert;
        this.staged = staged;
        this.target = target;
        this.mapping = mapping;
    }

    /** @return the number of rows inserted (each one has its ledger row) */
    long insert(String runId) throws SQLException {
        List<ColumnMapping> loaded = mapping.columns().stream().filter(ColumnMapping::loaded).toList();
        List<ColumnMapping> fromBatch = loaded.stream().filter(m -> m.source() != null).toList();
        List<String> temp = new ArrayList<>();
        for (int i = 0; i < fromBatch.size(); i++) {
            temp.add("c" + i + " text");
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + TEMP + " (" + String.join(", ", temp) + ") ON COMMIT DROP");
        }
        copy(fromBatch);
        LedgerKeys keys = new LedgerKeys(target);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ColumnMapping m : loaded) {
            names.add(TableId.quote(m.target()));
            values.add(value(m, fromBatch.indexOf(m)));
        }
        boolean identityAlways = loaded.stream().anyMatch(m -> target.column(m.target()).map(Column::generation)
                .orElse(Column.Generation.NONE) == Column.Generation.IDENTITY_ALWAYS);
        String sql = "WITH inserted AS (INSERT INTO " + target.id().qualified() + " AS t (" + String.join(", ", names)
                + ")" + (identityAlways ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT " + String.join(", ", values)
                + " FROM " + TEMP + " RETURNING " + keys.rowKey("t") + " AS row_key, md5(t::text) AS row_hash)"
                + " INSERT INTO ferry.ledger (run_id, table_name, action, row_key, row_hash)"
                + " SELECT ?, ?, 'insert', row_key, row_hash FROM inserted";
        long inserted;
        try (PreparedStatement st = cert.prepareStatement(sql)) {
            st.setString(1, runId);
            st.setString(2, keys.tableName());
            inserted = st.executeLargeUpdate();
        }
        try (Statement st = cert.createStatement()) {
            st.execute("DROP TABLE " + TEMP);
        }
        return inserted;
    }

    /** The SELECT expression that fills one CERT column from the temporary table's text column {@code c<i>}. */
    private String value(ColumnMapping m, int index) {
        String column = "c" + index;
        return switch (m.fill()) {
            case COPY -> column + "::" + m.targetType();
            // Through PROD's type first: CERT then casts the way a cast between the two types does.
            case CAST -> column + "::" + staged.column(m.source()).orElseThrow().pgType() + "::" + m.targetType();
            case TRUNCATE -> "left(" + column + ", " + m.limit() + ")::" + m.targetType();
            case VALUE -> "CAST(" + m.value() + " AS " + m.targetType() + ")";
            case DEFAULT -> throw new IllegalStateException("a default column is not loaded");
        };
    }

    private void copy(List<ColumnMapping> fromBatch) throws SQLException {
        List<BatchColumn> columns = staged.columns();
        int[] sources = new int[fromBatch.size()];
        for (int i = 0; i < sources.length; i++) {
            String name = fromBatch.get(i).source();
            sources[i] = columns.indexOf(staged.column(name).orElseThrow());
        }
        CopyIn in = cert.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TEMP + " FROM STDIN");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] values = new String[sources.length];
            for (Path file : staged.files()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    String[] row;
                    while ((row = reader.next()) != null) {
                        for (int i = 0; i < sources.length; i++) {
                            values[i] = row[sources[i]];
                        }
                        CopyText.encodeRow(values, out);
                        if (out.size() > COPY_CHUNK) {
                            in.writeToCopy(out.toByteArray(), 0, out.size());
                            out.reset();
                        }
                    }
                }
            }
            in.writeToCopy(out.toByteArray(), 0, out.size());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
