package io.ferry.extractor.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Anonymize;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PROD for the preflight's integration test, on one PostgreSQL server and one Neo4j graph: the small
 * sample estate (seed 42) with its {@code ferry.yaml}, {@code planted.json} and {@code honeytokens.json};
 * a tiny store holding values inside the reserved ranges ({@code preflight/tiny.sql}); and Pagila when
 * the shared datasets are there. The PostgreSQL server is then restarted as a hot standby, so every
 * preflight reads a read-only replica, as in production.
 */
final class PreflightEstate implements AutoCloseable {

    static final List<String> SAMPLE_STORES = List.of("ids", "hcp1", "hcp2", "adb");

    final PostgresServer prod;
    final Neo4jServer graph;
    final Path sampleDir;
    final Path tinyDir;
    final Path pagilaDir;
    final boolean pagila;

    private PreflightEstate(PostgresServer prod, Neo4jServer graph, Path root, boolean pagila) {
        this.prod = prod;
        this.graph = graph;
        this.sampleDir = root.resolve("sample");
        this.tinyDir = root.resolve("tiny");
        this.pagilaDir = root.resolve("pagila");
        this.pagila = pagila;
    }

    static PreflightEstate start(Path root) throws Exception {
        PostgresServer prod = PostgresServer.startTemporary();
        Neo4jServer graph = null;
        try {
            graph = Neo4jServer.startTemporary();
            boolean pagila = Datasets.root().isPresent();
            PreflightEstate estate = new PreflightEstate(prod, graph, root, pagila);
            SampleEstate.writeFiles(SampleEstate.generate(new EstateServers(prod, null, graph, null),
                    new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null)), estate.sampleDir);
            prod.createDatabase("tiny");
            try (Connection c = prod.connect("tiny")) {
                SqlScriptRunner.run(c, resource("tiny.sql"), "tiny.sql");
            }
            if (pagila) {
                prod.createDatabase("pagila");
                try (Connection c = prod.connect("pagila")) {
                    SqlScriptRunner.run(c, Datasets.root().orElseThrow().resolve("pagila/pagila.sql"));
                }
            }
            prod.restartAsStandby();

            Map<String, String> sample = new LinkedHashMap<>();
            SAMPLE_STORES.forEach(s -> sample.putAll(postgres(s, prod.jdbcUrl(s))));
            for (String env : List.of("prod", "cert")) {
                sample.put(env + ".sp.url", graph.boltUri().toString());
            }
            properties(estate.sampleDir, sample);
            Files.createDirectories(estate.tinyDir);
            Files.writeString(estate.tinyDir.resolve("ferry.yaml"), resource("tiny.yaml"));
            properties(estate.tinyDir, postgres("tiny", prod.jdbcUrl("tiny")));
            if (pagila) {
                Files.createDirectories(estate.pagilaDir);
                Files.copy(Datasets.repoRoot().resolve("specs/pagila/ferry.yaml"), estate.pagilaDir.resolve("ferry.yaml"));
                properties(estate.pagilaDir, postgres("pagila", prod.jdbcUrl("pagila")));
            }
            return estate;
        } catch (Exception | Error e) {
            if (graph != null) {
                graph.close();
            }
            prod.close();
            throw e;
        }
    }

    /** The spec in {@code dir} as the extractor gets it: parsed, hashed, with its resolver. */
    static LoadedSpec load(Path dir) {
        Resolver resolver = Resolver.forFolder(dir, Map.of());
        Spec spec = new SpecParser(resolver, Set.of(SpecParser.Environment.values())).read(dir.resolve("ferry.yaml"));
        return new LoadedSpec(SpecHash.of(spec), spec, resolver);
    }

    /** The same spec with other anonymization rules (and its new hash). */
    static LoadedSpec withRules(LoadedSpec loaded, List<AnonymizeRule> rules) {
        Spec s = loaded.spec();
        Spec spec = new Spec(s.version(), s.stores(), s.tenant(), s.links(), s.closure(),
                new Anonymize(s.anonymize().key(), rules), s.validate(), s.drift(), s.load(), s.approval(), s.schedule(),
                s.districts(), s.source());
        return new LoadedSpec(SpecHash.of(spec), spec, loaded.resolver());
    }

    JsonNode json(String file) throws IOException {
        return new ObjectMapper().readTree(sampleDir.resolve(file).toFile());
    }

    Optional<String> firstValue(String database, String sql) throws Exception {
        try (Connection c = prod.connect(database); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    private static Map<String, String> postgres(String store, String url) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String env : List.of("prod", "cert")) {
            m.put(env + "." + store + ".url", url);
            m.put(env + "." + store + ".user", PostgresServer.SUPERUSER);
            m.put(env + "." + store + ".password", "unused");
        }
        return m;
    }

    private static void properties(Path dir, Map<String, String> properties) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("estate.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PreflightEstate.class.getResourceAsStream("/preflight/" + name)) {
            if (in == null) {
                throw new IOException("no test resource preflight/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        graph.close();
        prod.close();
    }
}
