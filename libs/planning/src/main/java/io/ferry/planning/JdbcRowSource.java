package io.ferry.planning;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A {@link RowSource} over one PostgreSQL store: {@code = ANY(array)} (or {@code unnest} for composite
 * keys) in chunks, streamed with a fetch size. It writes nothing and creates nothing, so PROD may be a
 * hot standby. {@link #openSnapshot} starts the {@code REPEATABLE READ, READ ONLY} transaction; the
 * extractor passes a connection already inside its own snapshot to {@link #JdbcRowSource}.
 */
public final class JdbcRowSource implements RowSource {
    static final int CHUNK = 10_000;
    private static final int FETCH = 10_000;

    private final Connection connection;
    private final StoreSchema schema;
    private final boolean owned;

    /** Reads through {@code connection}, which must already be inside the snapshot to use; not closed here. */
    public JdbcRowSource(Connection connection, StoreSchema schema) {
        this(connection, schema, false);
    }

    private JdbcRowSource(Connection connection, StoreSchema schema, boolean owned) {
        this.connection = connection;
        this.schema = schema;
        this.owned = owned;
    }

    /** Takes over {@code connection}: sets DESIGN's session settings and begins the read-only snapshot. */
    public static JdbcRowSource openSnapshot(Connection connection, StoreSchema schema) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = postgres; "
                    + "SET extra_float_digits = 3; SET bytea_output = hex");
            connection.setAutoCommit(false);
            s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        return new JdbcRowSource(connection, schema, true);
    }

    @Override
    public void select(TableId table, List<String> matchColumns, Collection<Tuple> values, List<Projection> projections,
            String filter, RowSink sink) {
        Table t = table(table);
        List<Tuple> all = new ArrayList<>(values);
        // Integer values travel as a binary int8[] (no text to print here and parse there); the rest as text[].
        boolean[] integers = new boolean[matchColumns.size()];
        String[] arrays = new String[matchColumns.size()];
        for (int c = 0; c < arrays.length; c++) {
            integers[c] = ValueKind.of(column(t, matchColumns.get(c))) == ValueKind.INTEGER && allLong(all, c);
            arrays[c] = "CAST(? AS " + (integers[c] ? "int8" : "text") + "[])::" + arrayType(t, matchColumns.get(c));
        }
        StringBuilder where = new StringBuilder();
        if (matchColumns.size() == 1) {
            where.append(TableId.quote(matchColumns.get(0))).append(" = ANY(").append(arrays[0]).append(')');
        } else {
            where.append('(').append(String.join(", ", matchColumns.stream().map(TableId::quote).toList()))
                    .append(") IN (SELECT * FROM unnest(").append(String.join(", ", arrays)).append("))");
        }
        String sql = selectSql(t, projections, where + (filter == null ? "" : " AND (" + filter + ")"));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Tuple> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int c = 0; c < matchColumns.size(); c++) {
                    Object[] elements = integers[c] ? new Long[chunk.size()] : new String[chunk.size()];
                    for (int i = 0; i < elements.length; i++) {
                        Object v = chunk.get(i).get(c);
                        elements[i] = integers[c] ? v : String.valueOf(v);
                    }
                    ps.setArray(c + 1, connection.createArrayOf(integers[c] ? "int8" : "text", elements));
                }
                stream(ps, sink);
            } catch (SQLException e) {
                throw failure(table, e);
            }
        }
    }

    private static boolean allLong(List<Tuple> values, int column) {
        for (Tuple v : values) {
            if (!(v.get(column) instanceof Long)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void scan(TableId table, List<Projection> projections, String filter, RowSink sink) {
        try (PreparedStatement ps = connection.prepareStatement(selectSql(table(table), projections, filter))) {
            stream(ps, sink);
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    private void stream(PreparedStatement ps, RowSink sink) throws SQLException {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            boolean[] integer = new boolean[n];
            for (int i = 0; i < n; i++) {
                int type = md.getColumnType(i + 1);
                integer[i] = type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT;
            }
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    if (integer[i]) {
                        long v = rs.getLong(i + 1);
                        row[i] = rs.wasNull() ? null : v;
                    } else {
                        row[i] = rs.getString(i + 1);
                    }
                }
                sink.accept(row);
            }
        }
    }

    private static String selectSql(Table t, List<Projection> projections, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < projections.size(); i++) {
            Projection p = projections.get(i);
            sql.append(i > 0 ? ", " : "").append(TableId.quote(p.column()));
            if (p.jsonPath() != null) {
                sql.append(" #>> '{").append(String.join(",", p.pathKeys()).replace("'", "''")).append("}'");
            }
        }
        sql.append(" FROM ").append(t.kind() == TableKind.PARTITIONED ? "" : "ONLY ").append(t.id().qualified());
        if (where != null) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    private static String arrayType(Table t, String column) {
        return column(t, column).type() + "[]";
    }

    private static Column column(Table t, String column) {
        return t.column(column).orElseThrow(() -> new ClosureException("table " + t.id() + " has no column " + column));
    }

    private Table table(TableId id) {
        return schema.table(id).orElseThrow(() -> new ClosureException("table " + id + " is not in the schema of "
                + schema.store()));
    }

    /** The SQL state and table only: PgJDBC messages may quote row values. */
    private static ClosureException failure(TableId table, SQLException e) {
        if ("42501".equals(e.getSQLState())) {
            return new ReadRefusedException(table);
        }
        return new ClosureException("reading " + table + " failed (SQL state " + e.getSQLState() + ")");
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            throw new ClosureException("closing the snapshot failed (SQL state " + e.getSQLState() + ")");
        }
    }
}
