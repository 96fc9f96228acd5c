package io.ferry.coordinator.runs;

import io.ferry.contracts.ids.RunId;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An earlier run's extraction as staging keeps it for {@code reuseExtraction}: its anonymized batches, the keyed
 * hashes of their source identifiers (for the leak check) and the district's token dictionary. Raw batches and key
 * sets are never copied: the first are gone, the second only serve extraction.
 */
final class KeptExtraction {

    private final Staging staging;

    KeptExtraction(Staging staging) {
        this.staging = staging;
    }

    /** The folders copied, relative to a run's folder. */
    private static List<String> folders(String runId) {
        // The dictionary's folder, not its one file's key: a listing takes folders.
        return List.of(runId + "/anonymized/", StagingLayout.leak(RunId.parse(runId)), runId + "/dictionary/");
    }

    /** Whether the run's anonymized batches are still kept (staging retention deletes them). */
    boolean kept(String runId) {
        return !staging.list(runId + "/anonymized/").isEmpty();
    }

    /** @return the objects copied from {@code from}'s folders to the same places under {@code to} */
    int copy(String from, String to) {
        int copied = 0;
        try {
            Path temp = Files.createTempFile("ferry-reuse-", ".part");
            try {
                for (String folder : folders(from)) {
                    for (ObjectInfo o : staging.list(folder)) {
                        staging.get(o.key(), temp);
                        staging.put(to + o.key().substring(from.length()), temp);
                        copied++;
                    }
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying run " + from + "'s kept extraction to run " + to + " failed", e);
        }
        return copied;
    }

    /** Takes a copy back out (the run it was made for did not start). */
    void remove(String runId) {
        for (String folder : folders(runId)) {
            staging.deletePrefix(folder);
        }
    }
}
