package io.ferry.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.analysis.SchemaAnalysis;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import io.ferry.testkit.synthetic.SyntheticSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget: introspection, graph and the four files for 600 tables and 1,200 foreign keys
 * in at most 5 s. Prints each phase and the median of 3 runs; only under {@code -Psoak}.
 */
class SyntheticSchemaBenchmarkSoakIT {

    @Test
    void analyzesTheSyntheticSchemaWithinFiveSeconds() throws Exception {
        SyntheticSchema synthetic = SyntheticSchema.generate(42);
        Path out = Files.createTempDirectory("synthetic-analysis-");
        List<Double> totals = new ArrayList<>();
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            pg.createDatabase("synthetic_bench");
            try (Connection c = pg.connect("synthetic_bench")) {
                SqlScriptRunner.run(c, synthetic.ddl(), "synthetic.sql");
                c.createStatement().execute("ANALYZE");
                for (int run = 1; run <= 3; run++) {
                    long t0 = System.nanoTime();
                    StoreSchema store = new PostgresIntrospector().introspect(c, "synth", List.of(synthetic.schema()));
                    long t1 = System.nanoTime();
                    EstateSchema estate = new EstateSchema(List.of(store), List.of());
                    DependencyGraph graph = DependencyGraph.of(estate);
                    long t2 = System.nanoTime();
                    SchemaAnalysis.run(estate, out);
                    long t3 = System.nanoTime();
                    totals.add((t3 - t0) / 1e9);
                    System.out.printf("run %d: introspection %.3f s, graph %.3f s (%d cycles), analysis files %.3f s, total %.3f s%n",
                            run, (t1 - t0) / 1e9, (t2 - t1) / 1e9, graph.cycles().size(), (t3 - t2) / 1e9, (t3 - t0) / 1e9);
                }
            }
        }
        double median = totals.stream().sorted().toList().get(1);
        System.out.printf("median of 3: %.3f s (budget 5 s)%n", median);
        assertThat(median).isLessThanOrEqualTo(5.0);
    }
}
