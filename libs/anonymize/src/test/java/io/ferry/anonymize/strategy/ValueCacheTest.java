package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValueCacheTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final FieldAnonymizer upper = (value, entity) -> {
        computed.incrementAndGet();
        return value.toUpperCase() + "/" + entity;
    };

    @Test
    void aRepeatedValueIsComputedOnceAndGivenBackAsComputed() {
        ValueCache cache = new ValueCache(16);
        for (int i = 0; i < 10 * ValueCache.WINDOW; i++) {
            assertThat(cache.apply("thea", "e", upper)).isEqualTo("THEA/e");
        }
        assertThat(computed.get()).isEqualTo(1);
    }

    @Test
    void aThreadWhoseValuesDoNotRepeatRestsItsSlotsThenLooksAgain() {
        ValueCache cache = new ValueCache(16);
        cache.apply("thea", null, upper);
        // a window of values that never repeat (and "thea" pushed out of its slot by one of them at most)
        for (int i = 0; i < ValueCache.WINDOW - 1; i++) {
            assertThat(cache.apply("v" + i, null, upper)).isEqualTo("V" + i + "/null");
        }
        computed.set(0);
        // resting: the same value is computed every time, and still right
        for (int i = 0; i < ValueCache.REST; i++) {
            assertThat(cache.apply("mira", null, upper)).isEqualTo("MIRA/null");
        }
        assertThat(computed.get()).isEqualTo(ValueCache.REST);
        // awake again: cached after its first computation
        computed.set(0);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.apply("mira", null, upper)).isEqualTo("MIRA/null");
        }
        assertThat(computed.get()).isEqualTo(1);
    }

    @Test
    void aThreadThatFindsEnoughKeepsLooking() {
        ValueCache cache = new ValueCache(4096);
        // every 16th value repeats a recent one: 256 hits a window, above the sparse mark
        for (int i = 0; i < 4 * ValueCache.WINDOW; i++) {
            cache.apply(i % 16 == 0 ? "same" : "v" + i, null, upper);
        }
        computed.set(0);
        cache.apply("same", null, upper);
        assertThat(computed.get()).isZero();
    }

    @Test
    void sizeZeroComputesEveryTime() {
        ValueCache cache = new ValueCache(0);
        cache.apply("thea", null, upper);
        cache.apply("thea", null, upper);
        assertThat(computed.get()).isEqualTo(2);
    }
}
