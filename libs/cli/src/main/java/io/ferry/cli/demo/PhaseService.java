package io.ferry.cli.demo;

import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of Ferry's five services as the demo starts it: its packaged application ({@code <module>/target/quarkus-app/
 * quarkus-run.jar}, as in production), the JVM options of its kind and the settings that point it at the demo's
 * estate, staging and keys.
 */
record PhaseService(String name, Path jar, List<String> jvmOptions, Map<String, String> settings) {

    static final List<String> NAMES = List.of("extractor", "anonymizer", "validator", "loader", "coordinator");

    /** The consumers' Kafka session on one machine (see {@link #of}). */
    static final int SESSION_TIMEOUT_MS = 10_000;

    /**
     * @param repo   the repository root (the services' modules)
     * @param dir    the demo folder (work folders live under {@code DIR/work})
     * @param port   the HTTP port to listen on
     * @param user   the API user of the coordinator (every role), and its password
     */
    static PhaseService of(String name, Path repo, Path dir, Path estateDir, EstateProperties estate, DemoSecrets secrets,
            int port, String user, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quarkus.http.port", Integer.toString(port));
        s.put("kafka.bootstrap.servers", estate.require("kafka.bootstrap.servers"));
        // A service that died gets its partitions back only once the broker has noticed its old session ended: after
        // the client's default 45 s, where the demo's supervisor has it running again within seconds (the crash tests
        // waited 29-40 s per kill for the rebalance). 10 s is above the broker's 6 s floor and three heartbeats (3 s).
        // Deployments keep the default: there a pod may pause longer than a laptop's process, and restarts slower.
        s.put("kafka.session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
        String prefix = "ferry." + name + ".";
        s.put(prefix + "staging.root", estate.require("staging.root"));
        if (name.equals("coordinator")) {
            s.put(prefix + "spec-file", estate.require("spec"));
            s.put(prefix + "db.url", estate.require("coordinator.db.url"));
            s.put(prefix + "db.user", estate.require("coordinator.db.user"));
            s.put(prefix + "db.password", estate.require("coordinator.db.password"));
            s.put("quarkus.security.users.embedded.users." + user, password);
            s.put("quarkus.security.users.embedded.roles." + user, "viewer,operator,approver");
        } else {
            // ${...} in the staged spec resolve from the estate's properties, its key paths from the estate's folder.
            s.put(prefix + "spec.properties-file", estateDir.resolve(EstateProperties.FILE_NAME).toString());
            s.put(prefix + "spec.secrets-dir", estateDir.toString());
        }
        switch (name) {
            case "extractor" -> {
                s.put(prefix + "raw-key.file", secrets.rawKey().toString());
                s.put(prefix + "dictionary-key", secrets.dictionaryKey());
            }
            case "anonymizer" -> {
                s.put(prefix + "raw-key.file", secrets.rawKey().toString());
                s.put(prefix + "dictionary-key", secrets.dictionaryKey());
                s.put(prefix + "leak.honeytokens-file", estateDir.resolve("honeytokens.json").toString());
            }
            case "validator", "loader" -> s.put(prefix + "work-dir", dir.resolve("work").resolve(name).toString());
            default -> {
                // the coordinator's settings are above
            }
        }
        return new PhaseService(name, repo.resolve(name + "-service/target/quarkus-app/quarkus-run.jar"),
                jvmOptions(name), s);
    }

    /**
     * The validator, loader and coordinator leave their heavy work to DuckDB, PostgreSQL and Neo4j, and a run ends
     * before C2's compilations of their own code pay back: on two cores those compilations took CPU from the phases
     * that run at the same time, so they run on C1 alone. The extractor and anonymizer do their work in Java and keep
     * C2 (one bench run with all five on C1 alone: the leak check slower, the whole run no faster). The anonymizer's
     * batches in flight outlive a young generation of a third of the heap and were copied and promoted at each
     * collection; half the heap young halved its collections' time (ferry bench: 1.0 CPU-s in the run against 2.0-2.4,
     * pauses over the bench 6.3 s against 11.7). The extractor's live plan (about 230 MB) needs the old generation.
     */
    static List<String> jvmOptions(String name) {
        return switch (name) {
            case "validator", "loader", "coordinator" -> List.of("-XX:TieredStopAtLevel=1");
            case "anonymizer" -> List.of("-XX:NewRatio=1");
            default -> List.of();
        };
    }

    /** Another process of this service, {@code name}, listening on {@code port}, with {@code extra} settings. */
    PhaseService replica(String name, int port, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("quarkus.http.port", Integer.toString(port));
        s.putAll(extra);
        return new PhaseService(name, jar, jvmOptions, s);
    }
}
