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

    record Entry(String store, String sql, long nanos, String notices, double cpu) {
    }

    /** The backend whose CPU time each statement records, or -1. */
    long backend = -1;

    final List<Entry> entries = new ArrayList<>();

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
        long start = System.nanoTime();
        double cpu = backend < 0 ? 0 : BackendCpu.seconds(backend);
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
            entries.add(new Entry(store, sql, nanos, notices.toString(), backend < 0 ? 0 : BackendCpu.seconds(backend) - cpu));
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
