package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Spec;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One public dataset as a single PostgreSQL store of its example spec: loaded into a fresh server that
 * is then restarted as a hot standby (the engine must plan read-only), introspected, and the spec parsed
 * from a copy beside an {@code estate.properties} that points at that server. {@link #planAndCompare}
 * checks the engine's {@code --keys-out} files against the hand-written SQL, key for key.
 */
final class DatasetEstate implements AutoCloseable {
    final String store;
    final Spec spec;
    final EstateSchema schema;
    private final PostgresServer prod;

    private DatasetEstate(String store, Spec spec, EstateSchema schema, PostgresServer prod) {
        this.store = store;
        this.spec = spec;
        this.schema = schema;
        this.prod = prod;
    }

    /**
     * @param script     the dataset's SQL, relative to the datasets folder
     * @param specName   the folder under {@code specs/}
     * @param properties further {@code estate.properties} entries (another store's URLs), or none
     */
    static DatasetEstate load(String store, String script, String specName, Path folder, Map<String, String> properties)
            throws Exception {
        PostgresServer prod = PostgresServer.startTemporary();
        try {
            prod.createDatabase(store);
            try (Connection c = prod.connect(store)) {
                SqlScriptRunner.run(c, Datasets.root().orElseThrow().resolve(script));
            }
            prod.restartAsStandby();
            StoreSchema relational;
            try (Connection c = prod.connect(store)) {
                relational = new PostgresIntrospector().introspect(c, store, List.of("public"));
            }
            Spec spec = parse(specName, folder, prod, store, properties);
            EstateSchema schema = SpecSchema.of(List.of(relational), spec);
            return new DatasetEstate(store, spec, schema, prod);
        } catch (Exception | Error e) {
            prod.close();
            throw e;
        }
    }

    private static Spec parse(String specName, Path folder, PostgresServer prod, String store,
            Map<String, String> properties) throws Exception {
        Path file = folder.resolve("ferry.yaml");
        Files.copy(Datasets.repoRoot().resolve("specs").resolve(specName).resolve("ferry.yaml"), file);
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(SpecSchema.postgres(store, prod.jdbcUrl(store)));
        return SpecSchema.parse(file, all);
    }

    /** The engine's plan and the hand-written SQL's reports for one tenant. */
    record Planned(Plan plan, List<String> failures) {
    }

    /** Plans {@code tenant} with the spec's rules in one read-only snapshot, writes its keys and compares them. */
    Planned planAndCompare(String tenant, Path sql, Path keys) throws Exception {
        ClosureRules rules = SpecRules.of(spec, schema, tenant);
        Plan plan;
        List<String> failures;
        List<TableId> tables;
        try (RowSource source = JdbcRowSource.openSnapshot(prod.connect(store), schema.store(store).orElseThrow());
                Closure closure = new ClosurePlanner().close(schema, rules, Map.of(store, source))) {
            KeysWriter.write(closure, keys);
            plan = closure.plan();
            failures = closure.failures(rules);
            tables = closure.tables();
        }
        HandWrittenClosure expected = new HandWrittenClosure(sql, tenant);
        try (Connection c = prod.connect(store)) {
            assertThat(inRecovery(c)).as("PROD is a hot standby").isTrue();
            expected.run(store, c);
        }
        long compared = expected.assertMatches(keys, tables, plan.rows());
        System.out.printf("%s %s: %d keys in %d tables compared with the hand-written closure%n", store, tenant,
                compared, tables.size());
        return new Planned(plan, failures);
    }

    /** The rows of one of the store's hand-written report files ({@code _cross_tenant.sql}). */
    List<List<String>> report(String tenant, Path sql, String file) throws Exception {
        try (Connection c = prod.connect(store)) {
            return new HandWrittenClosure(sql, tenant).rows(store, c, file);
        }
    }

    private static boolean inRecovery(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public void close() {
        prod.close();
    }
}
