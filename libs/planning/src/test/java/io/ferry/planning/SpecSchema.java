package io.ferry.planning;

import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A spec as the engine's tests read it: parsed beside an {@code estate.properties} written for the test
 * servers (not the process environment), and the schema the engine plans over until it traverses the
 * graph: the introspected PostgreSQL stores with the spec's links between their tables.
 */
final class SpecSchema {
    private SpecSchema() {
    }

    /** Writes {@code properties} as the {@code estate.properties} beside {@code file} and parses the spec. */
    static Spec parse(Path file, Map<String, String> properties) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.writeString(folder.resolve("estate.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);
        return new SpecParser(Resolver.forFolder(folder, Map.of()), Set.of(SpecParser.Environment.values())).read(file);
    }

    /** The PROD and CERT connection entries of a PostgreSQL store, both pointing at {@code url}. */
    static Map<String, String> postgres(String store, String url) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String env : List.of("prod", "cert")) {
            m.put(env + "." + store + ".url", url);
            m.put(env + "." + store + ".user", "postgres");
            m.put(env + "." + store + ".password", "unused");
        }
        return m;
    }

    /** The stores with the spec's references whose both ends are tables of them. */
    static EstateSchema of(List<StoreSchema> stores, Spec spec) {
        EstateSchema introspected = new EstateSchema(stores, List.of());
        return introspected.withSpecReferences(spec.specReferences(introspected).stream()
                .filter(r -> introspected.table(r.from()).isPresent() && introspected.table(r.to()).isPresent())
                .toList());
    }
}
