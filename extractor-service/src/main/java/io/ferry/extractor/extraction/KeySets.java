package io.ferry.extractor.extraction;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.planning.Closure;
import io.ferry.planning.Tuple;
import io.ferry.schema.model.Table;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a store's key sets to {@code {runId}/keys/{store}/{schema}.{table}.parquet}: the sorted keys of its
 * rows in the closure, for the stores that link to it. Keys can be personal (a username as a natural key),
 * so they are encrypted like raw batches.
 */
final class KeySets {

    private KeySets() {
    }

    static void write(Staging staging, ExtractRequest request, Closure closure, List<Table> tables, FileKey key,
            Path tempDir) {
        String folder = StagingLayout.keys(RunId.parse(request.runId()), request.store());
        for (Table table : tables) {
            List<String> columns = closure.keyColumns(table.id());
            List<BatchColumn> batchColumns = columns.stream()
                    .map(c -> new BatchColumn(c, table.column(c).orElseThrow().type())).toList();
            BatchSchema schema = new BatchSchema(batchColumns, Map.of("ferry.store", request.store(), "ferry.table",
                    table.id().schema() + "." + table.id().name(), "ferry.content", "keys"));
            Path file = null;
            try {
                file = Files.createTempFile(tempDir, "keys-", ".parquet");
                Files.delete(file);
                try (BatchWriter writer = BatchWriter.create(file, schema, BatchWriterOptions.defaults().withEncryption(key))) {
                    String[] row = new String[columns.size()];
                    for (Tuple t : closure.keys(table.id())) {
                        for (int i = 0; i < row.length; i++) {
                            Object v = t.get(i);
                            row[i] = v == null ? null : v.toString();
                        }
                        writer.write(row);
                    }
                }
                staging.put(folder + (folder.endsWith("/") ? "" : "/") + table.id().schema() + "." + table.id().name()
                        + ".parquet", file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the key set of " + table.id(), e);
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
}
