package io.ferry.testkit.quarkus;

import io.ferry.testkit.SharedServers;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a Quarkus test at the module's shared Neo4j (Bolt, authentication off), with Dev Services off.
 *
 * <p>Init arg {@value #IMPORT_DIR} sets the folder {@code LOAD CSV FROM 'file:///x.csv'} reads from;
 * the first test class to start the server decides it. The server outlives {@link #stop()}:
 * {@link SharedServers} stops it when the JVM exits.
 */
public class Neo4jResource implements QuarkusTestResourceLifecycleManager {

    public static final String IMPORT_DIR = "import-dir";

    private Path importDir;

    @Override
    public void init(Map<String, String> initArgs) {
        String dir = initArgs.get(IMPORT_DIR);
        importDir = dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    @Override
    public Map<String, String> start() {
        Neo4jServer neo4j = SharedServers.neo4j(importDir);
        return Map.of(
                "quarkus.neo4j.uri", neo4j.boltUri().toString(),
                "quarkus.neo4j.authentication.disabled", "true",
                "quarkus.neo4j.devservices.enabled", "false",
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The server is shared by every test class of the module; SharedServers stops it at JVM exit.
    }
}
