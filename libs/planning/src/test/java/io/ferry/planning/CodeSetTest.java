package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.longlong.LongIterator;

/** Codes of every range iterate in signed order, as the key files sort them. */
class CodeSetTest {

    private static List<Long> all(LongIterator it) {
        List<Long> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void holdsAndIteratesCodesOfEveryRangeInSignedOrder() {
        List<Long> codes = List.of(Long.MIN_VALUE + 3, -5L, -1L, 0L, 7L, 65_536L, 0xFFFF_FFFFL, 1L << 32,
                (42L << 32) | 7, Long.MAX_VALUE);
        CodeSet set = new CodeSet();
        for (int i = codes.size() - 1; i >= 0; i--) {
            set.add(codes.get(i));
        }
        set.add(7L);
        assertThat(all(set.iterator())).containsExactlyElementsOf(codes);
        assertThat(set.cardinality()).isEqualTo(codes.size());
        assertThat(codes).allMatch(set::contains);
        assertThat(set.contains(8L) || set.contains(-2L) || set.contains(2L << 32)).isFalse();
    }

    @Test
    void minusKeepsWhatTheOtherSetLacks() {
        CodeSet a = new CodeSet();
        CodeSet b = new CodeSet();
        for (long c : new long[] {-9, 1, 2, 3, 1L << 40}) {
            a.add(c);
        }
        for (long c : new long[] {2, 1L << 40, 99}) {
            b.add(c);
        }
        assertThat(all(a.minus(b).iterator())).containsExactly(-9L, 1L, 3L);
        assertThat(all(new CodeSet().iterator())).isEmpty();
    }
}
