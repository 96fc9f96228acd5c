package io.ferry.anonymizer.datasets;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.batches.FileKey;
import io.ferry.staging.Staging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A staged batch's rows with its column names, in the batch's row order: a raw batch read before the
 * anonymizer deletes it, and its anonymized twin, hold the same row at the same position.
 */
record NamedRows(List<String> columns, List<String[]> rows) {

    /** Copies the staged object to a temp file of {@code dir}, reads it (decrypted with {@code key}, null for plaintext), deletes the copy. */
    static NamedRows read(Staging staging, String objectKey, FileKey key, Path dir) throws Exception {
        Path local = Files.createTempFile(dir, "rows-", ".parquet");
        try {
            staging.get(objectKey, local);
            try (BatchReader reader = BatchReader.open(local, key)) {
                List<String> columns = reader.schema().columns().stream().map(BatchColumn::name).toList();
                List<String[]> rows = new ArrayList<>();
                for (String[] row = reader.next(); row != null; row = reader.next()) {
                    rows.add(Arrays.copyOf(row, row.length));
                }
                return new NamedRows(columns, rows);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " among " + columns);
        }
        return i;
    }

    /** The rows by the text of one column (a key: the last row wins for a repeated value). */
    Map<String, String[]> byKey(String keyColumn) {
        int k = column(keyColumn);
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String[] row : rows) {
            out.put(row[k], row);
        }
        return out;
    }
}
