package io.ferry.testkit;

import io.ferry.testkit.kafka.KafkaBroker;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One server of each kind per JVM, started on first use and stopped by a shutdown hook. A test module
 * runs in one JVM, so it pays for each server once however many test classes and Quarkus test
 * profiles use it; tests keep apart through their own databases and topics.
 */
public final class SharedServers {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static Neo4jServer neo4j;
    private static boolean hookAdded;

    private SharedServers() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            addShutdownHook();
            postgres = PostgresServer.startTemporary();
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            addShutdownHook();
            kafka = KafkaBroker.startTemporary();
        }
        return kafka;
    }

    /** The shared Neo4j without an import folder (or with whatever folder the first caller gave). */
    public static Neo4jServer neo4j() {
        return neo4j(null);
    }

    /**
     * The shared Neo4j; the first caller decides its {@code LOAD CSV} import folder.
     *
     * @throws IllegalStateException when the running server reads from another import folder
     */
    public static synchronized Neo4jServer neo4j(Path importDir) {
        if (neo4j == null) {
            addShutdownHook();
            neo4j = Neo4jServer.start(null, importDir);
        }
        Path wanted = importDir == null ? null : importDir.toAbsolutePath().normalize();
        if (wanted != null && !Objects.equals(neo4j.importDir().orElse(null), wanted)) {
            throw new IllegalStateException("the shared Neo4j imports from " + neo4j.importDir().orElse(null)
                    + ", not " + wanted + ": start a Neo4jServer of your own for another import folder");
        }
        return neo4j;
    }

    private static void addShutdownHook() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::stopAll, "ferry-shared-servers-shutdown"));
            hookAdded = true;
        }
    }

    private static synchronized void stopAll() {
        if (kafka != null) {
            kafka.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
