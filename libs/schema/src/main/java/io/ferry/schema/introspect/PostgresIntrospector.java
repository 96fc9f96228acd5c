package io.ferry.schema.introspect;

import io.ferry.schema.model.Check;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one PostgreSQL store's schema from {@code pg_catalog} with four set-based SELECTs (relations,
 * columns, constraints, unique indexes), so the cost does not grow with one round trip per table.
 *
 * <p>PROD is read-only and may be a hot standby: nothing here writes, creates temp objects or takes
 * locks beyond catalog reads. When the connection is in auto-commit mode the queries run in their
 * own {@code REPEATABLE READ, READ ONLY} transaction (one consistent view of the catalog), which is
 * rolled back; otherwise they join the caller's transaction, so planning can share its snapshot.
 *
 * <p>Partitions are folded into their root: the root lists them, its volumes are their sum, and a
 * foreign key declared only on partitions (Pagila's {@code payment}) becomes one
 * {@link Reference.Origin#PARTITION_FOREIGN_KEY} of the root. Constraints that PostgreSQL clones
 * from a parent ({@code conparentid <> 0}) are skipped, so each reference appears once. Legacy
 * {@code INHERITS} children stay tables of their own: their parent is read with {@code ONLY}.
 */
public final class PostgresIntrospector {

    private static final String RELATIONS = """
            WITH rel AS (
                SELECT c.oid, c.relnamespace, c.relname, c.relkind, c.relispartition, c.reltuples,
                       CASE WHEN c.relispartition THEN pg_partition_root(c.oid)::oid ELSE c.oid END AS root
                FROM pg_class c
                WHERE c.relkind IN ('r', 'p'))
            SELECT rel.oid, n.nspname, rel.relname, rel.relkind, rel.relispartition, rel.root, rel.reltuples,
                   pg_total_relation_size(rel.oid) AS bytes
            FROM rel
            JOIN pg_namespace n ON n.oid = rel.relnamespace
            JOIN pg_class rc ON rc.oid = rel.root
            JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE rn.nspname = ANY (?)
            """;

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                   a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS default_expr
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY (?::int8[]::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;

    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype, con.conrelid, con.condeferrable, pg_get_constraintdef(con.oid) AS def,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
                   ARRAY(SELECT a.attnotnull FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS not_null,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_cols,
                   tn.nspname AS ref_schema, tc.relname AS ref_name
            FROM pg_constraint con
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_class tc ON tc.oid = CASE WHEN fc.relispartition THEN pg_partition_root(fc.oid)::oid ELSE fc.oid END
            LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            WHERE con.conrelid = ANY (?::int8[]::oid[]) AND con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0
            ORDER BY con.conrelid, con.conname
            """;

    private static final String UNIQUE_INDEXES = """
            SELECT i.indrelid, ic.relname,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS cols
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE i.indrelid = ANY (?::int8[]::oid[]) AND i.indisunique AND NOT i.indisprimary AND i.indisvalid
              AND i.indpred IS NULL AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                              WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid)
            ORDER BY i.indrelid, ic.relname
            """;

    /** One row of {@link #RELATIONS}. */
    private record Relation(long oid, String schema, String name, char kind, boolean partition, long root,
            double reltuples, long bytes) {
    }

    /** What is collected for one root table before it becomes a {@link Table}. */
    private static final class TableParts {
        final Relation root;
        final TableId id;
        final List<Column> columns = new ArrayList<>();
        final List<Key> uniqueKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();
        final List<String> partitions = new ArrayList<>();
        Key primaryKey;
        double rows = -1;
        long bytes;

        TableParts(Relation root, TableId id) {
            this.root = root;
            this.id = id;
        }
    }

    /**
     * Introspects the given schemas of the store behind {@code c}.
     *
     * @param store   the store name that goes into every {@link TableId}
     * @param schemas schema names as stored (case-sensitive), e.g. {@code public}
     */
    public StoreSchema introspect(Connection c, String store, List<String> schemas) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            return read(c, store, schemas);
        }
        c.setAutoCommit(false);
        try {
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return read(c, store, schemas);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private StoreSchema read(Connection c, String store, List<String> schemas) throws SQLException {
        Map<Long, Relation> relations = relations(c, schemas);
        Map<Long, TableParts> roots = new TreeMap<>();
        for (Relation r : relations.values()) {
            if (!r.partition()) {
                roots.put(r.oid(), new TableParts(r, new TableId(store, r.schema(), r.name())));
            }
        }
        for (Relation r : relations.values()) {
            TableParts t = roots.get(r.root());
            if (t == null) {
                continue;
            }
            t.bytes += Math.max(0, r.bytes());
            if (r.partition()) {
                t.partitions.add(TableId.quote(r.schema()) + "." + TableId.quote(r.name()));
            }
            if (r.kind() == 'r' && r.reltuples() >= 0) {
                t.rows = Math.max(t.rows, 0) + r.reltuples();
            }
        }
        Array rootOids = c.createArrayOf("int8", roots.keySet().toArray());
        Array allOids = c.createArrayOf("int8", relations.keySet().toArray());
        columns(c, rootOids, roots);
        uniqueIndexes(c, rootOids, roots);
        List<Reference> references = constraints(c, allOids, relations, roots, store);

        List<Table> tables = roots.values().stream().map(PostgresIntrospector::toTable)
                .sorted(Comparator.comparing(Table::id)).toList();
        return new StoreSchema(store, StoreKind.POSTGRES, tables, references,
                SchemaFingerprint.of(store, tables, references));
    }

    private static Map<Long, Relation> relations(Connection c, List<String> schemas) throws SQLException {
        Map<Long, Relation> relations = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(RELATIONS)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation r = new Relation(rs.getLong("oid"), rs.getString("nspname"), rs.getString("relname"),
                            rs.getString("relkind").charAt(0), rs.getBoolean("relispartition"), rs.getLong("root"),
                            rs.getDouble("reltuples"), rs.getLong("bytes"));
                    relations.put(r.oid(), r);
                }
            }
        }
        return relations;
    }

    private static void columns(Connection c, Array rootOids, Map<Long, TableParts> roots) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setArray(1, rootOids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableParts t = roots.get(rs.getLong("attrelid"));
                    String name = rs.getString("attname");
                    boolean nullable = !rs.getBoolean("attnotnull");
                    Column.Generation generation = generation(rs.getString("attidentity"), rs.getString("attgenerated"));
                    t.columns.add(new Column(name, t.columns.size() + 1, rs.getString("type"), nullable, generation,
                            rs.getString("default_expr")));
                }
            }
        }
    }

    /** PostgreSQL 18's VIRTUAL generated columns are reported as STORED: either way the loader leaves them out. */
    private static Column.Generation generation(String identity, String generated) {
        if ("a".equals(identity)) {
            return Column.Generation.IDENTITY_ALWAYS;
        }
        if ("d".equals(identity)) {
            return Column.Generation.IDENTITY_BY_DEFAULT;
        }
        return generated == null || generated.isEmpty() ? Column.Generation.NONE : Column.Generation.STORED;
    }

    private static void uniqueIndexes(Connection c, Array rootOids, Map<Long, TableParts> roots) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNIQUE_INDEXES)) {
            ps.setArray(1, rootOids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = strings(rs.getArray("cols"));
                    if (!cols.isEmpty()) {
                        roots.get(rs.getLong("indrelid")).uniqueKeys.add(new Key(rs.getString("relname"), cols, false));
                    }
                }
            }
        }
    }

    private static List<Reference> constraints(Connection c, Array allOids, Map<Long, Relation> relations,
            Map<Long, TableParts> roots, String store) throws SQLException {
        Map<String, Reference> declared = new TreeMap<>();
        Map<String, Reference> onPartitions = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
            ps.setArray(1, allOids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation rel = relations.get(rs.getLong("conrelid"));
                    TableParts t = roots.get(rel.root());
                    String name = rs.getString("conname");
                    List<String> cols = strings(rs.getArray("cols"));
                    switch (rs.getString("contype").charAt(0)) {
                        case 'p' -> {
                            if (!rel.partition()) {
                                t.primaryKey = new Key(name, cols, true);
                            }
                        }
                        case 'u' -> {
                            if (!rel.partition()) {
                                t.uniqueKeys.add(new Key(name, cols, false));
                            }
                        }
                        case 'c' -> {
                            if (!rel.partition()) {
                                t.checks.add(new Check(name, rs.getString("def")));
                            }
                        }
                        case 'f' -> {
                            boolean nullable = Arrays.stream((Boolean[]) rs.getArray("not_null").getArray())
                                    .anyMatch(notNull -> !notNull);
                            TableId to = new TableId(store, rs.getString("ref_schema"), rs.getString("ref_name"));
                            Reference ref = new Reference(name, t.id, cols, to, strings(rs.getArray("ref_cols")), nullable,
                                    rs.getBoolean("condeferrable"),
                                    rel.partition() ? Reference.Origin.PARTITION_FOREIGN_KEY : Reference.Origin.FOREIGN_KEY,
                                    null);
                            String shape = t.id + "(" + cols + ")->" + to + "(" + ref.toColumns() + ")";
                            (rel.partition() ? onPartitions : declared).merge(shape, ref, PostgresIntrospector::first);
                        }
                        default -> throw new IllegalStateException("unexpected constraint type of " + name);
                    }
                }
            }
        }
        onPartitions.keySet().removeAll(declared.keySet());
        List<Reference> references = new ArrayList<>(declared.values());
        references.addAll(onPartitions.values());
        references.sort(Comparator.comparing(Reference::from).thenComparing(Reference::name));
        return references;
    }

    /** Of one reference declared on several partitions: the first name, nullable if any copy is. */
    private static Reference first(Reference a, Reference b) {
        Reference keep = a.name().compareTo(b.name()) <= 0 ? a : b;
        return new Reference(keep.name(), keep.from(), keep.fromColumns(), keep.to(), keep.toColumns(),
                a.nullable() || b.nullable(), a.deferrable() && b.deferrable(), keep.origin(), null);
    }

    private static Table toTable(TableParts t) {
        TableKind kind = t.root.kind() == 'p' ? TableKind.PARTITIONED : TableKind.TABLE;
        List<Key> unique = t.uniqueKeys.stream().sorted(Comparator.comparing(Key::name)).toList();
        List<Check> checks = t.checks.stream().sorted(Comparator.comparing(Check::name)).toList();
        List<String> partitions = t.partitions.stream().sorted().toList();
        return new Table(t.id, kind, t.columns, t.primaryKey, unique, checks, partitions, Math.round(t.rows), t.bytes);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
