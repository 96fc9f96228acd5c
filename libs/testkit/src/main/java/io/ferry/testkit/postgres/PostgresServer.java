package io.ferry.testkit.postgres;

import io.ferry.testkit.Directories;
import io.ferry.testkit.UserCache;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL 18 server from the zonky binaries on a free port of 127.0.0.1.
 *
 * <p>The server runs detached from the JVM ({@code pg_ctl}); zonky's shutdown hook stops it on a
 * normal exit, and {@link #close()} stops it earlier. After a SIGKILL of the JVM the server keeps
 * running: {@link PostmasterProcess} stops it from its pid and data directory.
 */
public final class PostgresServer implements AutoCloseable {

    /** zonky's superuser; authentication is {@code trust} on loopback only. */
    public static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Map<String, String> config;
    private EmbeddedPostgres postgres;

    /**
     * Where zonky unpacks its PostgreSQL binaries: once per user instead of once per {@code java.io.tmpdir} (each
     * build module and each estate has its own), which cost about 2.5 s at the first start in each. zonky locks
     * the folder while it unpacks, so processes starting side by side share one copy. Null: zonky's default.
     */
    private static final java.io.File BINARIES = UserCache.directory("embedded-pg").map(Path::toFile).orElse(null);

    private PostgresServer(Path dataDir, boolean deleteOnClose, Map<String, String> config) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.config = config;
    }

    /** Starts a throwaway server whose data directory is deleted on close. */
    public static PostgresServer startTemporary() {
        return start(Directories.createTemp("ferry-pg-"), true);
    }

    /**
     * Starts a server on {@code dataDir}, running initdb first if the directory holds no cluster.
     *
     * @param deleteOnClose whether {@link #close()} removes the data directory
     */
    public static PostgresServer start(Path dataDir, boolean deleteOnClose) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.put("max_connections", "200");
        config.put("shared_buffers", "128MB");
        // Test and demo data is regenerated, never recovered: durability only costs time here.
        config.put("fsync", "off");
        config.put("synchronous_commit", "off");
        config.put("full_page_writes", "off");
        config.put("max_wal_size", "2GB");
        config.put("timezone", "UTC");
        PostgresServer server = new PostgresServer(dataDir, deleteOnClose, config);
        server.startPostmaster();
        return server;
    }

    private void startPostmaster() {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(BINARIES)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C.UTF-8");
            config.forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Turns this server into a real hot standby: stops it, writes {@code standby.signal} and starts
     * it again on the same port. It then stays in recovery (no primary to follow) and refuses writes.
     */
    public void restartAsStandby() {
        int port = port();
        stopPostmaster();
        try {
            Files.writeString(dataDir.resolve("standby.signal"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("port", Integer.toString(port));
        config.put("hot_standby", "on");
        startPostmasterOnPort(port);
    }

    private void startPostmasterOnPort(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(BINARIES)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60));
            config.forEach((k, v) -> {
                if (!k.equals("port")) {
                    builder.setServerConfig(k, v);
                }
            });
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The postmaster's process id, read from {@code postmaster.pid}. */
    public long pid() {
        return PostmasterProcess.readPid(dataDir).orElseThrow(
                () -> new IllegalStateException("no postmaster.pid in " + dataDir));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A superuser connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return connect(database, SUPERUSER, "");
    }

    public Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public void createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quoteIdent(name) + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Creates the database unless it exists already; returns whether it was created. */
    public boolean ensureDatabase(String name) {
        try (Connection c = connect("postgres");
                var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up database " + name + ": " + e.getMessage(), e);
        }
        createDatabase(name);
        return true;
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Stops the server and waits until it has removed {@code postmaster.pid}, as {@code pg_ctl stop -w}
     * does: zonky's shutdown hook may be stopping it at the same moment, and then zonky's
     * {@code close()} returns at once.
     */
    private void stopPostmaster() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(dataDir.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (postgres == null) {
            return;
        }
        stopPostmaster();
        postgres = null;
        if (deleteOnClose) {
            Directories.deleteRecursively(dataDir);
        }
    }
}
