package io.ferry.service.run;

import io.ferry.batches.BatchReader;
import io.ferry.batches.BatchSchema;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.schema.model.TableId;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.staging.StagingLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fetches a run's anonymized batches from staging into a local folder, grouped by table, so that set-based
 * engines can read them as files. Batches are plaintext: anonymized data is no longer production data.
 */
public final class RunBatches {

    private RunBatches() {
    }

    /**
     * @return by table, in staging's key order; a table whose batches disagree on their columns fails
     * @throws InconsistentBatchesException if two batches of a table were written with different columns
     */
    public static Map<TableId, StagedTable> fetch(Staging staging, RunId runId, Path folder) {
        return fetch(staging, StagingLayout.run(runId) + "anonymized/", folder);
    }

    /** Only one store's tables (the loader loads one store per request). */
    public static Map<TableId, StagedTable> fetch(Staging staging, RunId runId, String store, Path folder) {
        return fetch(staging, StagingLayout.run(runId) + "anonymized/" + store + "/", folder);
    }

    private static Map<TableId, StagedTable> fetch(Staging staging, String prefix, Path folder) {
        Map<TableId, List<Path>> files = new TreeMap<>();
        Map<TableId, BatchSchema> schemas = new LinkedHashMap<>();
        Map<TableId, Long> rows = new LinkedHashMap<>();
        for (ObjectInfo object : staging.list(prefix)) {
            BatchId batch = StagingLayout.parse(object.key()).flatMap(StagingLocation::batch).orElse(null);
            if (batch == null) {
                continue;
            }
            TableId table = new TableId(batch.store(), batch.schema(), batch.table());
            Path local = folder.resolve(batch.store()).resolve(batch.schema() + "." + batch.table())
                    .resolve("part-" + batch.seq() + ".parquet");
            try {
                Files.createDirectories(local.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the work folder " + local.getParent(), e);
            }
            staging.get(object.key(), local);
            try (BatchReader reader = BatchReader.open(local, null)) {
                BatchSchema first = schemas.putIfAbsent(table, reader.schema());
                if (first != null && !first.columns().equals(reader.schema().columns())) {
                    throw new InconsistentBatchesException(table, object.key());
                }
                rows.merge(table, reader.rows(), Long::sum);
            }
            files.computeIfAbsent(table, t -> new ArrayList<>()).add(local);
        }
        Map<TableId, StagedTable> tables = new LinkedHashMap<>();
        files.forEach((table, paths) -> tables.put(table,
                new StagedTable(table, schemas.get(table).columns(), paths, rows.get(table))));
        return tables;
    }
}
