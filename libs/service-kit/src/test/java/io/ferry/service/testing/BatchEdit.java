package io.ferry.service.testing;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.schema.model.TableId;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Rewrites a staged plaintext batch (part 0) row by row: how tests plant a fault in a run's output. */
public final class BatchEdit {

    /** Changes one row in place. */
    public interface RowChange {
        void apply(List<String> columns, String[] row, long index);
    }

    private BatchEdit() {
    }

    public static void rewrite(Staging staging, String run, TableId table, RowChange change) throws Exception {
        edit(staging, run, table, change, null);
    }

    public static void duplicateFirstRow(Staging staging, String run, TableId table) throws Exception {
        edit(staging, run, table, (c, r, i) -> { }, (c, r, i) -> { });
    }

    /** Adds a copy of the first row, changed by {@code change}, after it. */
    public static void addAfterFirstRow(Staging staging, String run, TableId table, RowChange change) throws Exception {
        edit(staging, run, table, (c, r, i) -> { }, change);
    }

    private static void edit(Staging staging, String run, TableId table, RowChange change, RowChange copyOfFirst)
            throws Exception {
        String key = StagingLayout.batch(BatchId.of(run, Phase.ANONYMIZE, table.store(), table.schema(), table.name(), 0));
        Path in = Files.createTempFile("batch-in-", ".parquet");
        Path out = Files.createTempFile("batch-out-", ".parquet");
        Files.delete(out);
        try {
            staging.get(key, in);
            try (BatchReader reader = BatchReader.open(in, null)) {
                BatchSchema schema = reader.schema();
                List<String> names = new ArrayList<>(schema.columns().stream().map(BatchColumn::name).toList());
                try (BatchWriter writer = BatchWriter.create(out, schema, BatchWriterOptions.defaults())) {
                    String[] row;
                    long index = 0;
                    while ((row = reader.next()) != null) {
                        change.apply(names, row, index);
                        writer.write(row);
                        if (copyOfFirst != null && index == 0) {
                            String[] copy = row.clone();
                            copyOfFirst.apply(names, copy, index);
                            writer.write(copy);
                        }
                        index++;
                    }
                }
            }
            staging.put(key, out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
