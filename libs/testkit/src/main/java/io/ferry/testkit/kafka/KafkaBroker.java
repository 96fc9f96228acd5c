package io.ferry.testkit.kafka;

import io.ferry.testkit.Directories;
import io.ferry.testkit.FreePorts;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside this JVM, listening on free
 * ports of 127.0.0.1. Internal topics use replication factor 1 and topics are created on first use,
 * so clients work against it as against a development cluster.
 *
 * <p>A shutdown hook stops the broker when the JVM exits normally; {@link #close()} stops it earlier.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;

    /** The broker's own categories (not the clients'): hundreds of INFO lines per start otherwise. */
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.coordinator",
            "org.apache.kafka.raft", "org.apache.kafka.image", "org.apache.kafka.metadata",
            "org.apache.kafka.storage", "org.apache.kafka.queue", "org.apache.kafka.snapshot");
    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIETED_LOGGERS = new ArrayList<>();

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;
    private final KafkaRaftServer server;
    private final Thread shutdownHook;
    private boolean closed;

    private KafkaBroker(Path logDir, boolean deleteOnClose, int port, KafkaRaftServer server) {
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.server = server;
        this.shutdownHook = new Thread(this::stop, "kafka-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a throwaway broker whose {@code kraft-*} log directory is deleted on close. */
    public static KafkaBroker startTemporary() {
        return start(Directories.createTemp("kraft-"), true);
    }

    /**
     * Starts a broker whose logs live in {@code logDir}. The directory is formatted when it holds no
     * cluster yet and kept on close, so a later start on it finds its topics again.
     */
    public static KafkaBroker start(Path logDir) {
        return start(logDir, false);
    }

    private static KafkaBroker start(Path logDir, boolean deleteOnClose) {
        quietBrokerLogs();
        try {
            return startOnFreePorts(logDir, deleteOnClose);
        } catch (RuntimeException e) {
            if (deleteOnClose) {
                Directories.deleteRecursively(logDir);
            }
            throw e;
        }
    }

    /** Another process may take a port between picking and binding it: then this picks again. */
    private static KafkaBroker startOnFreePorts(Path logDir, boolean deleteOnClose) {
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.pick();
            KafkaConfig config = config(logDir, port, FreePorts.pick());
            format(config, logDir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                return new KafkaBroker(logDir, deleteOnClose, port, server);
            } catch (RuntimeException e) {
                shutdown(server);
                if (attempt == START_ATTEMPTS || !causedByBind(e)) {
                    throw new IllegalStateException("could not start Kafka in " + logDir, e);
                }
            }
        }
    }

    /** Sets the broker's categories to WARNING unless someone configured them already. */
    private static synchronized void quietBrokerLogs() {
        if (!QUIETED_LOGGERS.isEmpty()) {
            return;
        }
        for (String name : BROKER_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            QUIETED_LOGGERS.add(logger);
        }
    }

    private static KafkaConfig config(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A single consumer need not wait for others to join before it gets its partitions.
        props.put("group.initial.rebalance.delay.ms", "0");
        return KafkaConfig.fromProps(props, false);
    }

    /** What {@code kafka-storage.sh format} does, without its output; a formatted directory is left as it is. */
    private static void format(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Creates the topics that do not exist yet, with the given partition counts and replication factor 1. */
    public void createTopics(Map<String, Integer> partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = partitions.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics were not created within 30 s", e);
        }
    }

    /** Stops the broker and, for a temporary one, deletes its log directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook has run or is running.
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown(server);
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
