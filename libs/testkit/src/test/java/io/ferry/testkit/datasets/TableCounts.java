package io.ferry.testkit.datasets;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row counts of every ordinary table (partitions included, partitioned parents not) in a schema. */
final class TableCounts {

    private TableCounts() {
    }

    static Map<String, Long> of(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var ps = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind = 'r'""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(schema) + "." + quote(table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
