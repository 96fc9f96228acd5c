package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentChunksTest {

    @Test
    void addsUpEveryChunksCountsAndNeverHasMoreThanTheLimitInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (ConcurrentChunks chunks = new ConcurrentChunks(2, "test")) {
            for (int i = 1; i <= 10; i++) {
                long n = i;
                chunks.submit(() -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    inFlight.decrementAndGet();
                    return new long[] {n, 1};
                });
            }
            assertThat(chunks.drain()).containsExactly(55, 10);
            chunks.submit(() -> new long[] {7});
            assertThat(chunks.drain()).as("a drain starts the count again").containsExactly(7, 0);
        }
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void aFailureIsThrownOnlyOnceEveryOtherChunkHasEnded() {
        AtomicInteger ended = new AtomicInteger();
        try (ConcurrentChunks chunks = new ConcurrentChunks(2, "test")) {
            chunks.submit(() -> {
                throw new LoadFailedException("graph", "chunk 1 failed", null);
            });
            chunks.submit(() -> {
                Thread.sleep(200);
                ended.incrementAndGet();
                return new long[] {1, 0};
            });
            assertThatThrownBy(chunks::drain).isInstanceOf(LoadFailedException.class).hasMessageContaining("chunk 1 failed");
            assertThat(ended.get()).as("the slow chunk ended before the failure was thrown").isEqualTo(1);
        }
    }
}
