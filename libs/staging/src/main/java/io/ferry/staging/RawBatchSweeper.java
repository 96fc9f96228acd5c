package io.ferry.staging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes raw (extracted) objects older than a given age. Raw batches hold production personal data
 * and are normally deleted as soon as their anonymized twin is durable; a crash between the two
 * leaves them behind, so every service runs this at start. The age keeps batches another live
 * process is still anonymizing.
 */
public final class RawBatchSweeper {

    private final Staging staging;
    private final Clock clock;

    public RawBatchSweeper(Staging staging, Clock clock) {
        this.staging = staging;
        this.clock = clock;
    }

    /** The raw objects a sweep would delete, by key; nothing is deleted. */
    public List<ObjectInfo> due(Duration age) {
        Instant cutoff = clock.instant().minus(requirePositive(age));
        return staging.list("").stream()
                .filter(object -> StagingLayout.isRaw(object.key()))
                .filter(object -> object.lastModified().isBefore(cutoff))
                .toList();
    }

    /**
     * Deletes what {@link #due} finds, and what puts a crash interrupted left behind as long ago (a temp file of a
     * raw batch is as sensitive as the batch); returns the keys deleted (never contents).
     */
    public Sweep sweep(Duration age) {
        List<String> deleted = due(age).stream()
                .map(ObjectInfo::key)
                .filter(staging::delete)
                .toList();
        staging.deleteInterruptedWrites(clock.instant().minus(age));
        return new Sweep(deleted);
    }

    /** What a sweep deleted. */
    public record Sweep(List<String> keys) {
        public int count() {
            return keys.size();
        }
    }

    private static Duration requirePositive(Duration age) {
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("the raw batch age must be positive, not " + age);
        }
        return age;
    }
}
