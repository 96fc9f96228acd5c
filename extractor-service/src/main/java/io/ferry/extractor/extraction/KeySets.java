package io.ferry.extractor.extraction;

import io.ferry.schema.neo4j.GraphValues;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Spec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * Writes a store's key sets to {@code {runId}/keys/{store}/{schema}.{table}.parquet}: the sorted keys of its
 * rows (or of a graph store's nodes per label and relationships per type) in the closure, for the stores that
 * link to it: only the tables that another store's links point at ({@link #linkTargets}). Keys can be personal
 * (a username as a natural key), so they are encrypted like raw batches.
 */
final class KeySets {

    private KeySets() {
    }

    /**
     * The tables (labels, relationship types) of {@code store} that a link from another store points at: the key
     * sets that store needs. The rest would be written for nobody (8 % of a profile of the extraction benchmark went
     * into key sets of tables no link points at).
     */
    static Set<TableId> linkTargets(Spec spec, String store) {
        return spec.links().stream()
                .filter(l -> l.to().table().store().equals(store) && !l.from().table().store().equals(store))
                .map(l -> l.to().table())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** One table's key set: its sorted keys in the closure ({@link Closure#keys}). */
    static void write(Staging staging, ExtractRequest request, Table table, List<String> keyColumns, List<Tuple> keys,
            FileKey key, Path tempDir) {
        List<BatchColumn> columns = keyColumns.stream()
                .map(c -> new BatchColumn(c, table.column(c).orElseThrow().type())).toList();
        writeOne(staging, request, table.id(), columns, keys, v -> v.toString(), key, tempDir);
    }

    /**
     * A graph store's key sets of the labels and types among {@code targets}, {@code label.Person.parquet} and
     * {@code relationship.TYPE.parquet}: the plan's sorted node and relationship keys ({@link GraphPlan#keys}),
     * typed and encoded as in the batches.
     */
    static void writeGraph(Staging staging, ExtractRequest request, GraphPlan plan, List<GraphStoreReader.Layout> layouts,
            Set<TableId> targets, FileKey key, Path tempDir) {
        for (GraphStoreReader.Layout layout : layouts) {
            if (!targets.contains(layout.id())) {
                continue;
            }
            writeOne(staging, request, layout.id(), layout.columns().subList(0, layout.keyColumns().size()),
                    plan.keys(layout.id()), GraphValues::text, key, tempDir);
        }
    }

    static void writeOne(Staging staging, ExtractRequest request, TableId table, List<BatchColumn> columns,
            List<Tuple> keys, Function<Object, String> text, FileKey key, Path tempDir) {
        String folder = StagingLayout.keys(RunId.parse(request.runId()), request.store());
        BatchSchema schema = new BatchSchema(columns, Map.of("ferry.store", request.store(), "ferry.table",
                table.schema() + "." + table.name(), "ferry.content", "keys"));
        Path file = null;
        try {
            file = Files.createTempFile(tempDir, "keys-", ".parquet");
            Files.delete(file);
            BatchWriterOptions options = BatchWriterOptions.defaults().withEncryption(key);
            try (BatchWriter writer = BatchWriter.create(file, schema, options)) {
                String[] row = new String[columns.size()];
                for (Tuple t : keys) {
                    for (int i = 0; i < row.length; i++) {
                        Object v = t.get(i);
                        row[i] = v == null ? null : text.apply(v);
                    }
                    writer.write(row);
                }
            }
            staging.put(folder + (folder.endsWith("/") ? "" : "/") + table.schema() + "." + table.name() + ".parquet", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key set of " + table, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Encrypted; swept with the temp folder.
                }
            }
        }
    }
}
