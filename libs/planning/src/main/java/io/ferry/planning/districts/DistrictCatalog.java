package io.ferry.planning.districts;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Districts;
import io.ferry.spec.model.Spec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ranked districts of PROD, as {@code ferry districts} prints them and the extractor answers a catalog
 * request: ownership paths, headcounts, the survey in the snapshot, the ranking and the manifest.
 */
public final class DistrictCatalog {

    /**
     * Copy rate behind the estimated time when neither the caller nor the spec gives one: Ferry's measured end-to-end
     * rate, 1,146,484 rows of the large estate's district-001 in 67.2 s (median of the 4 runs of {@code ./ferry bench}
     * on the 2-core machine on 2026-11-30, 60.6-73.4 s: 17,061 rows/s), rounded down.
     */
    public static final long DEFAULT_ROWS_PER_SECOND = 17_000;

    private DistrictCatalog() {
    }

    /**
     * @param headcounts     overrides of the spec's {@code districts.counts}, by name
     * @param priority       districts ranked first; empty for the spec's {@code districts.priority}
     * @param rowsPerSecond  null for the spec's {@code districts.rowsPerSecond}, else the default
     * @throws IllegalArgumentException         when a headcount or the spec does not fit the schema
     * @throws java.util.NoSuchElementException when a priority district does not exist (names it)
     */
    public static DistrictManifest survey(Spec spec, ProdSnapshot snapshot, Instant asOf, List<Headcount> headcounts,
            List<String> priority, int top, Long rowsPerSecond, int activityTables) {
        Districts defaults = spec.districts();
        List<Headcount> named = Headcount.override(Headcount.of(defaults.counts()), headcounts);
        Map<TableId, List<Reference>> paths = OwnershipPaths.of(snapshot.schema(), spec);
        List<Headcount> heads = named.isEmpty() ? Headcount.detect(snapshot.schema(), paths) : named;
        List<DistrictFootprint> all = new DistrictSurvey(snapshot.schema(), paths, spec.tenant().key(), snapshot,
                spec.links(), snapshot).survey(heads, activityTables);
        List<DistrictFootprint> ranked = DistrictRanking.rank(all, priority.isEmpty() ? defaults.priority() : priority, top);
        return DistrictManifest.of(asOf, ranked, rowsPerSecond != null ? rowsPerSecond
                : defaults.rowsPerSecond() != null ? defaults.rowsPerSecond() : DEFAULT_ROWS_PER_SECOND);
    }
}
