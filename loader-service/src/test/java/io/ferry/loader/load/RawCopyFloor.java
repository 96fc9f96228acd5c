package io.ferry.loader.load;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.CopyText;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's yardstick: what the same batches cost when nothing but PostgreSQL's COPY writes them, into
 * empty copies of the CERT tables with their indexes, defaults and checks ({@code LIKE ... INCLUDING ALL}) but no
 * foreign keys, triggers, ledger, key maps or verification; rolled back. Empty tables make index upkeep cheaper
 * than in CERT's full ones, so this is an upper bound on any loader's rate on the machine, not a rival loader.
 */
final class RawCopyFloor {

    private RawCopyFloor() {
    }

    /** @return rows copied into the store's tables */
    static long copy(Connection cert, String store, Map<TableId, StagedTable> staged) throws SQLException {
        long rows = 0;
        cert.setAutoCommit(false);
        try (Statement st = cert.createStatement()) {
            st.execute("CREATE SCHEMA ferry_floor");
            int n = 0;
            for (StagedTable t : staged.values()) {
                if (!t.id().store().equals(store) || t.graph()) {
                    continue;
                }
                String floor = "ferry_floor.t" + n++;
                st.execute("CREATE TABLE " + floor + " (LIKE " + t.id().qualified() + " INCLUDING ALL)");
                rows += copyInto(cert, floor, t, writable(cert, t.id()));
            }
        } finally {
            cert.rollback();
            cert.setAutoCommit(true);
        }
        return rows;
    }

    /** The batch's columns CERT's table has and COPY may write (not generated). */
    private static List<String> writable(Connection cert, TableId id) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = cert.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped AND attgenerated = ''")) {
            st.setString(1, id.qualified());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static long copyInto(Connection cert, String floor, StagedTable t, List<String> writable) throws SQLException {
        List<BatchColumn> columns = t.columns().stream().filter(c -> writable.contains(c.name())).toList();
        int[] at = columns.stream().mapToInt(c -> t.columns().indexOf(c)).toArray();
        String list = String.join(", ", columns.stream().map(c -> TableId.quote(c.name())).toList());
        CopyIn in = cert.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + floor + " (" + list + ") FROM STDIN");
        long rows = 0;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] values = new String[at.length];
            for (Path file : t.files()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    String[] row;
                    while ((row = reader.next()) != null) {
                        for (int i = 0; i < at.length; i++) {
                            values[i] = row[at[i]];
                        }
                        CopyText.encodeRow(values, out);
                        rows++;
                        if (out.size() > 1 << 20) {
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
        return rows;
    }
}
