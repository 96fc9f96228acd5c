package io.ferry.cli.estate;

import io.ferry.spec.parse.EstateProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ferry.estate.Credentials;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.SampleEstate;
import io.ferry.contracts.Topics;
import io.ferry.testkit.kafka.KafkaBroker;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The estate's background process: starts PROD and CERT (PostgreSQL with four databases each, one
 * Neo4j each), Kafka and the coordinator's database, generates the sample estate, turns PROD into a
 * hot standby, writes {@code estate.properties} last (its presence means "ready") and then holds the
 * servers until it is told to stop.
 */
public final class EstateHost implements AutoCloseable {

    static final List<String> PG_STORES = List.of("ids", "hcp1", "hcp2", "adb");
    static final String COORDINATOR_DB = "ferry_coordinator";

    private static final Logger LOG = Logger.getLogger(EstateHost.class.getName());

    private final EstateLayout layout;
    private final List<AutoCloseable> started = new ArrayList<>();
    private PostgresServer prodPg;
    private PostgresServer certPg;
    private Neo4jServer prodSp;
    private Neo4jServer certSp;
    private KafkaBroker kafka;

    public EstateHost(EstateLayout layout) {
        this.layout = layout;
    }

    /** Brings everything up and writes the estate's files; returns once {@code estate.properties} exists. */
    public void start(EstateOptions options, boolean prodStandby) {
        long t0 = System.nanoTime();
        startServers();
        LOG.info(() -> "servers up in " + seconds(t0) + " s; generating the " + options.preset() + " estate");

        long t1 = System.nanoTime();
        EstateReport report = SampleEstate.generate(new EstateServers(prodPg, certPg, prodSp, certSp), options);
        SampleEstate.writeFiles(report, layout.dir());
        LOG.info(() -> "estate generated in " + seconds(t1) + " s");

        String coordinatorPassword = randomPassword();
        createCoordinatorDatabase(coordinatorPassword);
        requirePasswordsForApplicationRoles(prodPg);
        requirePasswordsForApplicationRoles(certPg);
        if (prodStandby) {
            prodPg.restartAsStandby();
            LOG.info("PROD PostgreSQL restarted as a hot standby");
        }
        writeSummary(report);
        properties(options, coordinatorPassword, prodStandby).write(layout.properties());
        LOG.info(() -> "estate ready in " + seconds(t0) + " s");
    }

    private void startServers() {
        try {
            Files.createDirectories(layout.dir().resolve("data"));
            Files.createDirectories(layout.staging());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Neo4j and Kafka start slower than PostgreSQL: start them side by side.
        var prodSpF = CompletableFuture.supplyAsync(() -> Neo4jServer.start(layout.prodNeo4j(), null));
        var certSpF = CompletableFuture.supplyAsync(() -> Neo4jServer.start(layout.certNeo4j(), null));
        var kafkaF = CompletableFuture.supplyAsync(() -> KafkaBroker.start(layout.kafka()));
        prodPg = track(PostgresServer.start(layout.prodPostgres(), false));
        certPg = track(PostgresServer.start(layout.certPostgres(), false));
        prodSp = track(prodSpF.join());
        certSp = track(certSpF.join());
        kafka = track(kafkaF.join());
        kafka.createTopics(ferryTopics());
    }

    /**
     * Every Ferry topic and its dead-letter topic with DESIGN.md's partitions, as a cluster has them: on first use
     * the broker would make one partition each (so phase replicas could not share the work), and a consumer that
     * subscribed before its topic existed waits seconds for a metadata refresh to see it.
     */
    static Map<String, Integer> ferryTopics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : Topics.all()) {
            topics.put(topic, Topics.partitions(topic));
            topics.put(Topics.dlq(topic), Topics.partitions(topic));
        }
        return topics;
    }

    private <T extends AutoCloseable> T track(T server) {
        started.add(server);
        return server;
    }

    private void createCoordinatorDatabase(String password) {
        try (Connection c = certPg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE ferry_coordinator LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + COORDINATOR_DB + " OWNER ferry_coordinator TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the coordinator database: " + e.getMessage(), e);
        }
    }

    /**
     * zonky's initdb trusts every local connection. Keep trust for the superuser the estate itself
     * uses, and make every other role (Ferry's reader, loader and coordinator) prove its password.
     */
    private static void requirePasswordsForApplicationRoles(PostgresServer pg) {
        try {
            Files.writeString(pg.dataDir().resolve("pg_hba.conf"), """
                    # Written by ferry estate up.
                    local all postgres trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all all      127.0.0.1/32 scram-sha-256
                    """);
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not reload pg_hba.conf: " + e.getMessage(), e);
        }
    }

    private EstateProperties properties(EstateOptions options, String coordinatorPassword, boolean prodStandby) {
        Credentials cred = options.credentials();
        Map<String, String> p = new LinkedHashMap<>();
        for (String store : PG_STORES) {
            p.put("prod." + store + ".url", prodPg.jdbcUrl(store));
            p.put("prod." + store + ".user", cred.prodUser());
            p.put("prod." + store + ".password", cred.prodPassword());
        }
        p.put("prod.sp.url", prodSp.boltUri().toString());
        for (String store : PG_STORES) {
            p.put("cert." + store + ".url", certPg.jdbcUrl(store));
            p.put("cert." + store + ".user", cred.certUser());
            p.put("cert." + store + ".password", cred.certPassword());
        }
        p.put("cert.sp.url", certSp.boltUri().toString());
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("coordinator.db.url", certPg.jdbcUrl(COORDINATOR_DB));
        p.put("coordinator.db.user", "ferry_coordinator");
        p.put("coordinator.db.password", coordinatorPassword);
        p.put("staging.root", layout.staging().toString());
        p.put("spec", layout.spec().toString());
        p.put("preset", options.preset().name().toLowerCase(java.util.Locale.ROOT));
        p.put("seed", Long.toString(options.seed()));
        p.put("asOf", options.asOf().toString());
        p.put("prod.mode", prodStandby ? "standby" : "primary");
        p.put("pid", Long.toString(ProcessHandle.current().pid()));
        p.put("prod.pg.pid", Long.toString(prodPg.pid()));
        p.put("cert.pg.pid", Long.toString(certPg.pid()));
        p.put("prod.pg.datadir", prodPg.dataDir().toString());
        p.put("cert.pg.datadir", certPg.dataDir().toString());
        return new EstateProperties(p);
    }

    private void writeSummary(EstateReport report) {
        try {
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(layout.summary().toFile(), EstateSummary.of(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Credentials randomCredentials() {
        return new Credentials("ferry_reader", randomPassword(), "ferry_loader", randomPassword());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }

    /** Blocks until the process is told to stop; the shutdown hook closes the servers. */
    public void awaitShutdown() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warning("stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }
}
