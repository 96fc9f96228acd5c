package io.ferry.validator.verify;

import io.ferry.batches.BatchReader;
import io.ferry.service.run.StagedTable;
import io.ferry.staging.checksum.CanonicalChecksum;

import java.nio.file.Path;

/**
 * Per column of a table's anonymized batches: the canonical checksum of its values alone (the multiset of the
 * column, in any row order) and how many are NULL. What CERT holds for the run is summed the same way in CERT.
 */
record BatchSums(CanonicalChecksum.Value[] values, long[] nulls) {

    static BatchSums of(StagedTable table) {
        int n = table.columns().size();
        CanonicalChecksum[] sums = new CanonicalChecksum[n];
        long[] nulls = new long[n];
        for (int i = 0; i < n; i++) {
            sums[i] = new CanonicalChecksum();
        }
        String[] one = new String[1];
        for (Path file : table.files()) {
            try (BatchReader reader = BatchReader.open(file, null)) {
                for (String[] row = reader.next(); row != null; row = reader.next()) {
                    for (int i = 0; i < n; i++) {
                        one[0] = row[i];
                        sums[i].add(one);
                        if (row[i] == null) {
                            nulls[i]++;
                        }
                    }
                }
            }
        }
        CanonicalChecksum.Value[] values = new CanonicalChecksum.Value[n];
        for (int i = 0; i < n; i++) {
            values[i] = sums[i].value();
        }
        return new BatchSums(values, nulls);
    }
}
