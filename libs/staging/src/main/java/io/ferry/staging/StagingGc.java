package io.ferry.staging;

import io.ferry.contracts.ids.RunId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes runs whose newest object is older than the retention ({@code staging.retention}, default 7
 * days): anonymized batches are kept that long for {@code reuseExtraction}, then they are only
 * disk. A run counts as alive while anything in it changes. {@code reports/} and {@code specs/} are
 * never touched: reports outlive staging, and a spec may be shared by runs that are kept. Folders
 * that are not run ids are left alone.
 */
public final class StagingGc {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final Staging staging;
    private final Clock clock;

    public StagingGc(Staging staging, Clock clock) {
        this.staging = staging;
        this.clock = clock;
    }

    /** The runs a collection would remove, oldest id first; nothing is deleted. */
    public List<ExpiredRun> expired(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive, not " + retention);
        }
        Instant cutoff = clock.instant().minus(retention);
        Map<RunId, List<ObjectInfo>> byRun = new TreeMap<>(Comparator.comparing(RunId::toString));
        for (ObjectInfo object : staging.list("")) {
            int slash = object.key().indexOf('/');
            if (slash > 0 && RunId.isValid(object.key().substring(0, slash))) {
                byRun.computeIfAbsent(RunId.parse(object.key().substring(0, slash)), run -> new ArrayList<>())
                        .add(object);
            }
        }
        List<ExpiredRun> expired = new ArrayList<>();
        byRun.forEach((run, objects) -> {
            Instant newest = objects.stream().map(ObjectInfo::lastModified).max(Instant::compareTo).orElseThrow();
            if (newest.isBefore(cutoff)) {
                expired.add(new ExpiredRun(run, objects.size(), newest));
            }
        });
        return expired;
    }

    /** Removes every expired run; returns what was removed, with the objects actually deleted. */
    public List<ExpiredRun> collect(Duration retention) {
        return expired(retention).stream()
                .map(run -> new ExpiredRun(run.runId(), staging.deletePrefix(StagingLayout.run(run.runId())),
                        run.newest()))
                .toList();
    }

    /** A run past retention: its id, how many objects it holds, and when the newest was written. */
    public record ExpiredRun(RunId runId, int objects, Instant newest) {
    }
}
