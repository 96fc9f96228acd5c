package io.ferry.testkit.neo4j;

import io.ferry.testkit.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j Community 5.26 server in this JVM (the harness), Bolt on a free port of 127.0.0.1,
 * authentication off. Community holds one user database per server, so every graph (PROD, CERT,
 * Northwind) is its own instance.
 */
public final class Neo4jServer implements AutoCloseable {

    private final Neo4j neo4j;
    private final Path workDir;
    private final Path importDir;
    private final boolean deleteOnClose;
    private Driver driver;
    private boolean closed;

    private Neo4jServer(Neo4j neo4j, Path workDir, Path importDir, boolean deleteOnClose) {
        this.neo4j = neo4j;
        this.workDir = workDir;
        this.importDir = importDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throwaway server; its files are deleted on close. */
    public static Neo4jServer startTemporary() {
        return start(null, null);
    }

    /**
     * Starts a server.
     *
     * @param workDir where its store lives (a temp directory, deleted on close, when null)
     * @param importDir what {@code LOAD CSV FROM 'file:///x.csv'} reads from, or null
     */
    public static Neo4jServer start(Path workDir, Path importDir) {
        return start(workDir, importDir, null);
    }

    /**
     * A throwaway server on a copy of another's server folder (one kept by {@link #stopInto}): its databases as they were, without replaying how they were made.
     *
     * @param importDir what {@code LOAD CSV FROM 'file:///x.csv'} reads from, or null
     */
    public static Neo4jServer startCopyOf(Path serverFolder, Path importDir) {
        return start(null, importDir, serverFolder);
    }

    private static Neo4jServer start(Path workDir, Path importDir, Path copyOf) {
        boolean temporary = workDir == null;
        try {
            Path dir = temporary ? Directories.createTemp("ferry-neo4j-") : Files.createDirectories(workDir);
            Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(dir)
                    .withDisabledServer()
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                    .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                    // Without these a stop waits 11 s for Netty's quiet period.
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1));
            if (copyOf != null) {
                builder = builder.copyFrom(copyOf);
            }
            Path imports = importDir == null ? null : importDir.toAbsolutePath().normalize();
            if (imports != null) {
                builder = builder.withConfig(GraphDatabaseSettings.load_csv_file_url_root, imports);
            }
            return new Neo4jServer(builder.build(), dir, imports, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Neo4j", e);
        }
    }

    /** {@code bolt://127.0.0.1:PORT}. */
    public URI boltUri() {
        URI uri = neo4j.boltURI();
        return URI.create("bolt://127.0.0.1:" + uri.getPort());
    }

    public int boltPort() {
        return neo4j.boltURI().getPort();
    }

    /**
     * The user database in this JVM, for writing test and estate data without Bolt or Cypher (a cold server compiles
     * each new query in a fraction of a second). Ferry's own code reaches graphs through {@link #driver()} only.
     */
    public org.neo4j.graphdb.GraphDatabaseService database() {
        return neo4j.defaultDatabaseService();
    }

    /** A driver for this server, created on first use and closed with it. */
    public synchronized Driver driver() {
        if (driver == null) {
            driver = GraphDatabase.driver(boltUri(), AuthTokens.none());
        }
        return driver;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Stops the server and moves its own folder (databases, transactions) to {@code target}, where
     * {@link #startCopyOf} can start copies of it; the harness would delete it on close.
     */
    public synchronized void stopInto(Path target) {
        Path home = neo4j.config().get(GraphDatabaseSettings.neo4j_home);
        if (driver != null) {
            driver.close();
            driver = null;
        }
        neo4j.databaseManagementService().shutdown();
        try {
            Files.move(home, target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the graph's folder " + home, e);
        }
        close();
    }

    /** What {@code LOAD CSV FROM 'file:///x.csv'} reads from: absolute, or empty when not given at start. */
    public Optional<Path> importDir() {
        return Optional.ofNullable(importDir);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (driver != null) {
            driver.close();
            driver = null;
        }
        neo4j.close();
        deleteHarnessLogConfig();
        if (deleteOnClose) {
            Directories.deleteRecursively(workDir);
        }
    }

    /**
     * The harness writes a {@code log4j-*.xml} naming this server's directory into the JVM's temp
     * folder on every start and never deletes it; this removes ours (and only ours).
     */
    private void deleteHarnessLogConfig() {
        try {
            Path probe = Files.createTempFile("ferry-probe-", ".tmp");
            Path jvmTemp = probe.getParent();
            Files.delete(probe);
            try (Stream<Path> files = Files.list(jvmTemp)) {
                files.filter(f -> f.getFileName().toString().matches("log4j-\\d+\\.xml"))
                        .filter(this::namesWorkDir)
                        .forEach(f -> f.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean namesWorkDir(Path log4jConfig) {
        try {
            return Files.readString(log4jConfig).contains("\"" + workDir.toAbsolutePath() + "/");
        } catch (IOException e) {
            return false;
        }
    }
}
