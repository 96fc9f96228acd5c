package io.ferry.service.testing;

import io.ferry.estate.SampleEstate;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.spec.SpecHash;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sample estate's spec as the services' tests use it: without the graph store, whose dangling default
 * would keep the planted cross-store reference out of the closure, and with the connections of the given
 * PROD and CERT servers in an {@code estate.properties} beside it.
 */
public final class EstateSpec {

    private EstateSpec() {
    }

    /** The estate's {@code ferry.yaml} without {@code sp} and with {@code dangling: null}. */
    public static String yaml() {
        return nullDangling(SampleEstate.ferryYaml().lines()
                .filter(line -> !line.contains("\"sp:") && !line.trim().startsWith("sp:")))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static Stream<String> nullDangling(Stream<String> lines) {
        List<String> yaml = lines.map(line -> line.equals("  dangling: fail") ? "  dangling: null" : line).toList();
        if (!yaml.contains("  dangling: null")) {
            throw new IllegalStateException("the sample estate's spec no longer has 'dangling: fail'");
        }
        return yaml.stream();
    }

    /**
     * The connection properties of the PostgreSQL stores in one environment (superuser, trusted locally).
     *
     * @param env {@code prod} or {@code cert}
     */
    public static String properties(String env, PostgresServer server) {
        StringBuilder properties = new StringBuilder();
        for (String store : SampleEstate.PG_DATABASES) {
            properties.append(env).append('.').append(store).append(".url=").append(server.jdbcUrl(store)).append('\n')
                    .append(env).append('.').append(store).append(".user=").append(PostgresServer.SUPERUSER).append('\n')
                    .append(env).append('.').append(store).append(".password=unused\n");
        }
        return properties.toString();
    }

    /** The estate's whole {@code ferry.yaml}, graph store included, with {@code dangling: null}. */
    public static String yamlWithGraph() {
        return nullDangling(SampleEstate.ferryYaml().lines()).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Writes {@code ferry.yaml} and an {@code estate.properties} of both environments into {@code folder}, and parses it. */
    public static LoadedSpec write(Path folder, PostgresServer prod, PostgresServer cert) throws IOException {
        return write(folder, yaml(), properties("prod", prod) + properties("cert", cert));
    }

    /** Writes the given {@code ferry.yaml} and {@code estate.properties} into {@code folder}, and parses them. */
    public static LoadedSpec write(Path folder, String yaml, String properties) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("ferry.yaml"), yaml);
        Files.writeString(folder.resolve("estate.properties"), properties);
        Resolver resolver = Resolver.forFolder(folder, Map.of());
        Spec parsed = new SpecParser(resolver, Set.of(SpecParser.Environment.values())).read(folder.resolve("ferry.yaml"));
        return new LoadedSpec(SpecHash.of(parsed), parsed, resolver);
    }

}
