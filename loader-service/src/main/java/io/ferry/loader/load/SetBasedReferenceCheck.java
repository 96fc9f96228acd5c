package io.ferry.loader.load;

import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CERT's foreign keys of one table, checked once over all the rows a load wrote instead of row by row.
 * PostgreSQL checks a foreign key with a query per inserted row (the benchmark measured about 5 us per row and
 * key); with {@code session_replication_role = replica} the insert skips those checks, the statement hands the
 * written references to a temporary table, and before commit one query per key finds them in the referenced
 * table and locks them there ({@code FOR KEY SHARE}, as PostgreSQL's own check does) so no one deletes them
 * before the load commits.
 * <p>
 * Only for a table where the replica role changes nothing but the foreign-key checks: no user trigger that an
 * insert fires, no rule, no deferrable unique or exclusion constraint (PostgreSQL rechecks those in a trigger
 * too), no foreign key that a partition declares alone, and the loader may lock the referenced rows (UPDATE
 * on a column of each referenced table). A table with any of them loads with PostgreSQL's own checks.
 */
final class SetBasedReferenceCheck {

    /** One enforced foreign key of the table: its columns, the referenced table (as SQL) and columns. */
    private record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns,
            boolean matchFull) {
    }

    /** The table and, if partitioned, its partitions (two parameters: the table twice). */
    private static final String TREE = "WITH tree AS (SELECT ?::regclass::oid AS relid UNION SELECT relid FROM"
            + " pg_partition_tree(?::regclass)) ";

    private final Table table;
    private final List<ForeignKey> keys;
    private final String refs;

    private SetBasedReferenceCheck(Table table, List<ForeignKey> keys, String refs) {
        this.table = table;
        this.keys = keys;
        this.refs = refs;
    }

    /**
     * The check for {@code table}, or empty when the replica role would change more than its foreign-key checks.
     *
     * @param index a number unique in the transaction, naming the temporary table of written references
     */
    static Optional<SetBasedReferenceCheck> of(Connection cert, Table table, int index) throws SQLException {
        String tree = "(SELECT relid FROM tree)";
        String blockers = TREE + "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid IN " + tree + " AND NOT tgisinternal"
                + " AND tgenabled <> 'D' AND (tgtype & 4) <> 0)"
                + " OR EXISTS (SELECT 1 FROM pg_rewrite WHERE ev_class IN " + tree + " AND ev_type <> '1')"
                + " OR EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid IN " + tree + " AND contype IN ('p', 'u', 'x')"
                + " AND condeferrable)"
                + " OR EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid IN " + tree + " AND conrelid <> ?::regclass"
                + " AND contype = 'f' AND conparentid = 0)";
        try (PreparedStatement st = cert.prepareStatement(blockers)) {
            for (int i = 1; i <= 3; i++) {
                st.setString(i, table.id().qualified());
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        // conenforced is PostgreSQL 18's (NOT ENFORCED keys are never checked); older servers lack the column.
        try (PreparedStatement st = cert.prepareStatement("SELECT c.conname, c.confmatchtype = 'f',"
                + " c.confrelid::regclass::text, array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
                + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i), array(SELECT"
                + " a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid ="
                + " c.confrelid AND a.attnum = k.n ORDER BY k.i) FROM pg_constraint c WHERE c.contype = 'f' AND"
                + " c.conrelid = ?::regclass AND coalesce((to_jsonb(c) ->> 'conenforced')::boolean, true)"
                + " ORDER BY c.conname")) {
            st.setString(1, table.id().qualified());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ForeignKey(rs.getString(1), names(rs.getArray(4)), rs.getString(3),
                            names(rs.getArray(5)), rs.getBoolean(2)));
                }
            }
        }
        // Locking a referenced row takes UPDATE on one of its columns; PostgreSQL's own check runs as the owner.
        for (ForeignKey key : keys) {
            try (PreparedStatement st = cert.prepareStatement("SELECT has_any_column_privilege(?::regclass, 'UPDATE')")) {
                st.setString(1, key.parent());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(new SetBasedReferenceCheck(table, keys, "ferry_load_refs_" + index));
    }

    /**
     * Whether the table (or a partition) has a user trigger that fires under the replica role: enabled ALWAYS or
     * REPLICA. Ferry's suppressed fix-ups run under that role.
     */
    static boolean replicaTriggers(Connection cert, Table table) throws SQLException {
        try (PreparedStatement st = cert.prepareStatement(TREE + "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid IN"
                + " (SELECT relid FROM tree) AND NOT tgisinternal AND tgenabled IN ('A', 'R'))")) {
            st.setString(1, table.id().qualified());
            st.setString(2, table.id().qualified());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<String> names(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** Creates the temporary table the insert statement hands its written references to. */
    void prepare(Connection cert) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE TEMP TABLE " + refs + " ON COMMIT DROP AS SELECT " + String.join(", ", returning("t"))
                    + " FROM " + table.id().qualified() + " t WITH NO DATA");
        }
    }

    /** Extra RETURNING items of the insert: the referencing columns of the written row {@code alias}. */
    List<String> returning(String alias) {
        List<String> columns = columns();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            items.add(alias + "." + TableId.quote(columns.get(i)) + " AS fk" + i);
        }
        return items;
    }

    /**
     * A writable CTE that keeps the distinct references the CTE {@code written} returned (through
     * {@link #returning}), or empty without foreign keys.
     */
    Optional<String> keepCte(String name, String written) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns().size(); i++) {
            names.add("fk" + i);
        }
        return Optional.of(name + " AS (INSERT INTO " + refs + " SELECT DISTINCT " + String.join(", ", names) + " FROM "
                + written + ")");
    }

    /**
     * Finds every written reference in its table, locking the rows found; a reference that finds nothing fails
     * the load (the transaction is then rolled back).
     */
    void check(Connection cert) throws SQLException {
        for (ForeignKey key : keys) {
            List<String> present = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<String> parent = new ArrayList<>();
            for (String c : key.columns()) {
                present.add(alias(c) + " IS NOT NULL");
                values.add(alias(c));
            }
            for (String c : key.parentColumns()) {
                parent.add("p." + TableId.quote(c));
            }
            String written = "(SELECT DISTINCT " + String.join(", ", values) + " FROM " + refs + " WHERE "
                    + String.join(" AND ", present) + ")";
            String sql = "SELECT (SELECT count(*) FROM " + written + " w), (SELECT count(*) FROM (SELECT 1 FROM "
                    + key.parent() + " p WHERE (" + String.join(", ", parent) + ") IN " + written
                    + " FOR KEY SHARE OF p) x)";
            if (key.matchFull() && key.columns().size() > 1) {
                sql += ", (SELECT count(*) FROM " + refs + " WHERE num_nulls(" + String.join(", ", values) + ") BETWEEN 1 AND "
                        + (key.columns().size() - 1) + ")";
            }
            try (Statement st = cert.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long missing = rs.getLong(1) - rs.getLong(2);
                long partlyNull = key.matchFull() && key.columns().size() > 1 ? rs.getLong(3) : 0;
                if (missing > 0 || partlyNull > 0) {
                    throw new LoadFailedException(table.id().store(), table.id().qualified() + ": " + (missing + partlyNull)
                            + " distinct value(s) the run wrote into " + key.columns() + " break foreign key "
                            + key.name() + " (" + (partlyNull > 0 ? "MATCH FULL with some columns NULL" : "no row of "
                            + key.parent() + " has them") + "); the store was rolled back", null);
                }
            }
        }
    }

    /** Each referencing column once, in key order. */
    private List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (ForeignKey key : keys) {
            for (String c : key.columns()) {
                if (!columns.contains(c)) {
                    columns.add(c);
                }
            }
        }
        return columns;
    }

    /** The temporary table's name for a referencing column. */
    private String alias(String column) {
        return "fk" + columns().indexOf(column);
    }
}
