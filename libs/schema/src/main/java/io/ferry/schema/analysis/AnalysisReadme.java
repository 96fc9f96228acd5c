package io.ferry.schema.analysis;

import io.ferry.schema.graph.Cycle;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.graph.StoreWave;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/** Renders the {@code README.md} summary a person reads first. */
final class AnalysisReadme {

    private static final int LARGEST = 10;

    private AnalysisReadme() {
    }

    static String render(DependencyGraph graph) {
        List<Table> tables = graph.schema().tables();
        List<Reference> refs = graph.references();
        StringBuilder md = new StringBuilder("# Schema analysis\n\n");
        md.append("| store | kind | tables | references | fingerprint |\n|---|---|---|---|---|\n");
        for (StoreSchema s : graph.schema().stores()) {
            md.append("| ").append(s.store()).append(" | ").append(s.kind().name().toLowerCase()).append(" | ")
                    .append(s.tables().size()).append(" | ").append(s.references().size()).append(" | `")
                    .append(s.fingerprint() == null ? "" : s.fingerprint().substring(0, Math.min(12, s.fingerprint().length())))
                    .append("` |\n");
        }
        long composite = refs.stream().filter(Reference::composite).count();
        long self = refs.stream().filter(Reference::selfReference).count();
        long partition = refs.stream().filter(r -> r.origin() == Reference.Origin.PARTITION_FOREIGN_KEY).count();
        md.append("\n- tables: ").append(tables.size())
                .append(" (").append(tables.stream().filter(t -> t.primaryKey() == null).count()).append(" without a primary key, ")
                .append(tables.stream().filter(t -> !t.partitions().isEmpty()).count()).append(" partitioned)\n")
                .append("- references: ").append(refs.size()).append(" (").append(composite).append(" composite, ")
                .append(self).append(" self-references, ").append(partition).append(" declared only on partitions, ")
                .append(graph.schema().specReferences().size()).append(" from the spec)\n")
                .append("- cycles: ").append(graph.cycles().size()).append("\n")
                .append("- cross-store references: ").append(graph.crossStoreReferences().size()).append("\n");

        md.append("\n## Cycles\n\n");
        if (graph.cycles().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| store | kind | tables | where and why it is broken |\n|---|---|---|---|\n");
            for (Cycle c : graph.cycles()) {
                md.append("| ").append(c.store()).append(" | ").append(c.kind().name().toLowerCase()).append(" | ")
                        .append(String.join(", ", c.tables().stream().map(t -> t.qualified()).toList())).append(" | ")
                        .append(escape(c.explanation())).append(" |\n");
            }
        }

        md.append("\n## Cross-store references\n\n");
        graph.crossStoreReferences().forEach(r -> md.append("- `").append(r.describe()).append("` (")
                .append(r.origin().name().toLowerCase()).append(")\n"));
        if (graph.crossStoreReferences().isEmpty()) {
            md.append("None.\n");
        }
        md.append("\n## Extraction waves\n\n");
        for (StoreWave w : graph.storeWaves()) {
            md.append("- wave ").append(w.wave()).append(": ").append(String.join(", ", w.stores()));
            w.mutual().forEach(m -> md.append(" (").append(String.join(" and ", m)).append(" reference each other)"));
            md.append('\n');
        }

        md.append("\n## Largest tables by rows\n\n");
        largest(md, tables, Table::rowEstimate);
        md.append("\n## Largest tables by bytes\n\n");
        largest(md, tables, Table::bytes);
        return md.toString();
    }

    private static void largest(StringBuilder md, List<Table> tables, ToLongFunction<Table> measure) {
        md.append("| table | rows | bytes |\n|---|---|---|\n");
        tables.stream().filter(t -> measure.applyAsLong(t) >= 0)
                .sorted(Comparator.comparingLong(measure).reversed().thenComparing(Table::id)).limit(LARGEST)
                .forEach(t -> md.append("| ").append(escape(t.id().toString())).append(" | ").append(t.rowEstimate())
                        .append(" | ").append(t.bytes()).append(" |\n"));
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
