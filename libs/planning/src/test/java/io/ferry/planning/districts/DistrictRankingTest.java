package io.ferry.planning.districts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistrictRankingTest {

    private static DistrictFootprint d(String id, long rows, String lastActivity) {
        return new DistrictFootprint(id, Map.of("ids", rows), Map.of("ids", rows * 10), null, null, null, lastActivity);
    }

    private final List<DistrictFootprint> all = List.of(d("c", 10, null), d("a", 50, "2026-01-01T00:00:00Z"),
            d("b", 50, "2026-02-01T00:00:00Z"), d("e", 10, null), d("d", 10, "2025-01-01T00:00:00Z"));

    private static List<String> ids(List<DistrictFootprint> ds) {
        return ds.stream().map(DistrictFootprint::id).toList();
    }

    @Test
    void largestFirstThenMostRecentlyActiveThenById() {
        assertThat(ids(DistrictRanking.rank(all, List.of(), 0))).containsExactly("b", "a", "d", "c", "e");
    }

    @Test
    void priorityComesFirstInItsOrderAndTopCuts() {
        assertThat(ids(DistrictRanking.rank(all, List.of("e", "c"), 3))).containsExactly("e", "c", "b");
    }

    @Test
    void anUnknownPriorityIsNamed() {
        assertThatThrownBy(() -> DistrictRanking.rank(all, List.of("zz"), 0)).hasMessageContaining("'zz'");
    }

    @Test
    void theManifestNumbersRanksAndRoundsTheTimeUp() {
        var manifest = DistrictManifest.of(Instant.parse("2026-09-01T00:00:00Z"),
                DistrictRanking.rank(all, List.of(), 2), 20);
        assertThat(manifest.districts()).extracting(DistrictManifest.Entry::rank).containsExactly(1, 2);
        assertThat(manifest.districts().get(0).etaSeconds()).isEqualTo(3);
        assertThat(manifest.districts().get(0).stores()).containsExactly(new DistrictManifest.StoreRows("ids", 50, 500));
        assertThat(DistrictManifest.read(manifest.json())).isEqualTo(manifest);
    }
}
