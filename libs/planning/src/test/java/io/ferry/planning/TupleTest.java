package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TupleTest {

    @Test
    void equalTuplesHashAlikeAndOrderByValue() {
        assertThat(Tuple.of(3L, "x")).isEqualTo(Tuple.of(3L, "x")).hasSameHashCodeAs(Tuple.of(3L, "x"));
        assertThat(Tuple.of(null, 1L).hashCode()).isEqualTo(Tuple.of(null, 1L).hashCode());
        assertThat(Tuple.of(2L, 9L)).isLessThan(Tuple.of(10L, 1L));
        assertThat(Tuple.of(null, 1L)).isLessThan(Tuple.of(1L, 1L));
    }

    /** Composite keys of sequential ids (section, person) must not share hashes, or hash maps of them turn into chains. */
    @Test
    void pairsOfNearbyIdsGetDistinctHashes() {
        Set<Integer> hashes = new HashSet<>();
        int pairs = 0;
        for (long section = 1_000; section < 1_200; section++) {
            for (long person = 100_000; person < 100_500; person++) {
                hashes.add(Tuple.of(section, person).hashCode());
                pairs++;
            }
        }
        // Arrays.hashCode gave these 100,000 pairs 6,669 hashes: (a, b) and (a + 1, b - 31) always met
        assertThat(hashes.size()).isGreaterThan(pairs * 99 / 100);
    }
}
