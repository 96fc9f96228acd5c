package io.ferry.loader.load;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Profiling aid: a connection whose statements record their wall time (and any notices, e.g. auto_explain's). */
final class StatementProfile {

    record Entry(String store, String sql, long nanos, String notices, double cpu, long written, long wal) {
    }

    /** The backend whose CPU time each statement records, or -1. */
    long backend = -1;

    final List<Entry> entries = new ArrayList<>();

    /**
     * A second session on the server, alone on it, that reads the WAL position around each statement (the server's
     * WAL, so the statement's own while nothing else writes), or null.
     */
    Connection walProbe;

    private long walPosition() {
        if (walProbe == null) {
            return 0;
        }
        try (Statement st = walProbe.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    Connection wrap(Connection real, String store) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit")) {
                        return timed(store, "COMMIT", null, real, method, args);
                    }
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement st && (name.equals("createStatement") || name.equals("prepareStatement"))) {
                        String prepared = name.equals("prepareStatement") ? (String) args[0] : null;
                        Class<?>[] types = name.equals("prepareStatement")
                                ? new Class<?>[] {java.sql.PreparedStatement.class} : new Class<?>[] {Statement.class};
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), types,
                                statementHandler(store, st, prepared));
                    }
                    return result;
                });
    }

    private InvocationHandler statementHandler(String store, Statement st, String prepared) {
        return (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : prepared;
                return timed(store, sql, st, st, method, args);
            }
            return invoke(st, method, args);
        };
    }

    private Object timed(String store, String sql, Statement st, Object target, Method method, Object[] args) throws Throwable {
        double cpu = backend < 0 ? 0 : BackendCpu.seconds(backend);
        long written = backend < 0 ? 0 : BackendCpu.written(backend);
        long wal = walPosition();
        long start = System.nanoTime(); // after the probes: the WAL query is not the statement's time
        try {
            return invoke(target, method, args);
        } finally {
            long nanos = System.nanoTime() - start;
            StringBuilder notices = new StringBuilder();
            if (st != null) {
                for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.append(w.getMessage()).append('\n');
                }
                st.clearWarnings();
            }
            entries.add(new Entry(store, sql, nanos, notices.toString(), backend < 0 ? 0 : BackendCpu.seconds(backend) - cpu,
                    backend < 0 ? 0 : BackendCpu.written(backend) - written, walPosition() - wal));
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
