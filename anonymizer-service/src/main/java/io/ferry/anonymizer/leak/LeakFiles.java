package io.ferry.anonymizer.leak;

import io.ferry.anonymizer.batch.BatchAnonymizer;
import io.ferry.contracts.ids.BatchId;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.nio.file.Path;

/** Puts what one anonymized batch leaves for the run's leak check into staging, under {@code {runId}/leak/}. */
public final class LeakFiles {

    private LeakFiles() {
    }

    /**
     * The generated tuples (when there are any) go before the source hashes: a batch whose source hashes and
     * anonymized twin are in staging counts as done, so both files must be there by then.
     *
     * @param work a folder for the local copies
     */
    public static void put(Staging staging, BatchId raw, BatchAnonymizer.Outcome outcome, Path work)
            throws IOException {
        String name = raw.store() + "." + raw.schema() + "." + raw.table() + "." + raw.seq();
        if (outcome.generatedTuples().size() > 0) {
            Path tuples = work.resolve("tuples-" + name + ".bin");
            outcome.generatedTuples().write(tuples);
            staging.put(StagingLayout.generatedTuples(raw), tuples);
        }
        Path hashes = work.resolve("leak-" + name + ".bin");
        outcome.sources().write(hashes);
        staging.put(StagingLayout.leakHashes(raw), hashes);
    }
}
