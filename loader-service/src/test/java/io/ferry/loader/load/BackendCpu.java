package io.ferry.loader.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The CPU time a PostgreSQL session's backend process has used so far (user and system, from
 * {@code /proc/<pid>/stat}; the server runs on this machine), for benchmarks on a shared machine: the wall time
 * of a load counts other processes' time too, the backend's CPU time does not; and the bytes it has written
 * ({@link #written}). Negative where /proc is not readable.
 */
final class BackendCpu {

    private BackendCpu() {
    }

    static long pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Seconds of CPU the process has used, or -1. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command; in clock ticks (100 a second).
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Bytes the process has written so far ({@code wchar} of {@code /proc/<pid>/io}: its WAL when the WAL buffers
     * fill, temporary tables and files past their memory, data pages it evicts), or -1.
     */
    static long written(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("wchar: ")) {
                    return Long.parseLong(line.substring(7).strip());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
