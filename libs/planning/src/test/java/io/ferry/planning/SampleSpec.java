package io.ferry.planning;

import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.spec.model.Spec;
import io.ferry.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample estate's generated spec ({@code ferry.yaml} of {@code SampleEstate.writeFiles}) over its
 * PostgreSQL stores on {@code prod}: the rules of a district come from the spec's closure section and
 * links through {@link SpecRules}, as {@code ferry plan} builds them.
 */
record SampleSpec(Spec spec, EstateSchema schema) {
    static final List<String> STORES = List.of("ids", "hcp1", "hcp2", "adb");

    /** Parses {@code dir/ferry.yaml} against {@code prod} and introspects the PostgreSQL stores. */
    static SampleSpec read(Path dir, PostgresServer prod) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        STORES.forEach(s -> properties.putAll(SpecSchema.postgres(s, prod.jdbcUrl(s))));
        properties.put("prod.sp.url", "bolt://127.0.0.1:7687");
        properties.put("cert.sp.url", "bolt://127.0.0.1:7687");
        Spec spec = SpecSchema.parse(dir.resolve("ferry.yaml"), properties);
        List<StoreSchema> stores = new ArrayList<>();
        for (String store : STORES) {
            try (Connection c = prod.connect(store)) {
                stores.add(new PostgresIntrospector().introspect(c, store, List.of("public")));
            }
        }
        return new SampleSpec(spec, SpecSchema.of(stores, spec));
    }

    ClosureRules rules(String district) {
        return SpecRules.of(spec, schema, district);
    }
}
