package io.ferry.anonymizer.datasets;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.CopyText;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Test stand-in for the extractor's output: whole tables read with COPY under DESIGN's session settings into
 * one raw batch each, staged with a manifest; and anonymized batches loaded back with COPY, generated
 * columns left out. Real PostgreSQL on both ends.
 */
final class TableCopies {

    private TableCopies() {
    }

    static void sessionSettings(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = postgres; "
                    + "SET extra_float_digits = 3; SET bytea_output = hex");
        }
    }

    /** Ordinary and partitioned tables of the schema that are not partitions themselves. */
    static List<String> tables(Connection c, String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' AND c.relkind "
                + "IN ('r', 'p') AND NOT c.relispartition ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static List<BatchColumn> columns(Connection c, String schema, String table) throws Exception {
        List<BatchColumn> columns = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, "
                + "format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + schema + ".\"" + table
                + "\"'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(new BatchColumn(rs.getString(1), rs.getString(2)));
            }
        }
        return columns;
    }

    /** One raw batch of the whole table, staged; its manifest. */
    static BatchManifest stageRaw(Connection c, Staging staging, Path dir, String run, String specHash, String store,
            String schema, String table, FileKey rawKey) throws Exception {
        List<BatchColumn> columns = columns(c, schema, table);
        BatchId id = BatchId.of(run, Phase.EXTRACT, store, schema, table, 0);
        Path file = Files.createTempFile(dir, "raw-", ".parquet");
        Files.delete(file); // the writer creates it
        long rows = 0;
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(columns, Map.of()),
                BatchWriterOptions.defaults().withEncryption(rawKey))) {
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + schema
                    + ".\"" + table + "\") TO STDOUT");
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                w.write(CopyText.decodeRow(line, columns.size()));
                rows++;
            }
        }
        String key = StagingLayout.batch(id);
        staging.put(key, file);
        BatchManifest m = new BatchManifest(id.toString(), run, specHash, 1, Phase.EXTRACT, store, schema, table,
                BatchKind.TABLE, 0, key, rows, Files.size(file), sha256(file), "test", rawKey.version(), true, true);
        Files.delete(file);
        return m;
    }

    /** Loads an anonymized batch into the same table of {@code target}, generated columns left out, triggers off. */
    static void load(Connection target, String schema, String table, List<String[]> rows) throws Exception {
        List<BatchColumn> columns = columns(target, schema, table);
        List<Integer> keep = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery("SELECT attgenerated <> '' "
                + "FROM pg_attribute WHERE attrelid = '" + schema + ".\"" + table + "\"'::regclass AND attnum > 0 "
                + "AND NOT attisdropped ORDER BY attnum")) {
            for (int i = 0; rs.next(); i++) {
                if (!rs.getBoolean(1)) {
                    keep.add(i);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] row : rows) {
            String[] kept = new String[keep.size()];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = row[keep.get(i)];
            }
            CopyText.encodeRow(kept, out);
        }
        String names = String.join(", ", keep.stream().map(i -> "\"" + columns.get(i).name() + "\"").toList());
        try (Statement st = target.createStatement()) {
            st.execute("SET session_replication_role = replica");
        }
        target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + schema + ".\"" + table + "\" (" + names
                + ") FROM STDIN", new ByteArrayInputStream(out.toByteArray()));
    }

    /**
     * Drops and re-creates every foreign key of the schema: PostgreSQL checks every row again and fails on the
     * first reference that does not resolve. Returns how many were checked.
     */
    static int recheckForeignKeys(Connection c, String schema) throws Exception {
        List<String[]> fks = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, "
                + "conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = '"
                + schema + "'::regnamespace AND conparentid = 0")) {
            while (rs.next()) {
                fks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = origin");
            for (String[] fk : fks) {
                st.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT \"" + fk[1] + "\"");
                st.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT \"" + fk[1] + "\" " + fk[2]);
            }
        }
        return fks.size();
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
