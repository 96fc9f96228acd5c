package io.ferry.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.analysis.SchemaAnalysis;
import io.ferry.schema.graph.CycleKind;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import io.ferry.testkit.synthetic.SyntheticSchema;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic 600-table schema on a real server, introspected once: the counts, not the time. */
class SyntheticSchemaIT {

    @Test
    void findsEveryTableReferenceAndCycle() throws Exception {
        SyntheticSchema synthetic = SyntheticSchema.generate(42);
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase("synthetic_it");
        StoreSchema store;
        try (Connection c = pg.connect("synthetic_it")) {
            SqlScriptRunner.run(c, synthetic.ddl(), "synthetic.sql");
            store = new PostgresIntrospector().introspect(c, "synth", List.of(synthetic.schema()));
        }
        assertThat(store.tables()).hasSize(synthetic.tables());
        assertThat(store.tables().stream().filter(t -> t.primaryKey() == null)).hasSize(synthetic.tablesWithoutPrimaryKey());
        assertThat(store.references()).hasSize(synthetic.foreignKeys());
        assertThat(store.references().stream().filter(Reference::composite)).hasSize(synthetic.compositeForeignKeys());
        assertThat(store.references().stream().filter(Reference::selfReference)).hasSize(synthetic.selfReferences());

        DependencyGraph graph = DependencyGraph.of(new EstateSchema(List.of(store), List.of()));
        Map<CycleKind, Long> kinds = graph.cycles().stream().collect(Collectors.groupingBy(c -> c.kind(), Collectors.counting()));
        assertThat(graph.cycles()).hasSize(synthetic.cycles() + synthetic.selfReferences());
        assertThat(kinds).containsEntry(CycleKind.SELF_REFERENCE, (long) synthetic.selfReferences())
                .containsEntry(CycleKind.NULLABLE, 10L).containsEntry(CycleKind.DEFERRABLE, 5L)
                .containsEntry(CycleKind.NOT_NULL, 5L);
        assertThat(graph.loadOrder("synth").stream().mapToInt(g -> g.tables().size()).sum()).isEqualTo(600);
        assertThat(SchemaAnalysis.render(graph).get(SchemaAnalysis.README)).contains("- tables: 600")
                .contains("- references: 1200 (360 composite");
    }
}
