package io.ferry.anonymize.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakHashesTest {

    @Test
    void findsExactlyTheHashesItHoldsAtEverySize() {
        Random random = new Random(20261124);
        for (int n : new int[] {0, 1, 2, 3, 7, 100, 4_097, 200_000}) {
            Set<Long> held = new HashSet<>();
            LeakHashes.Builder builder = new LeakHashes.Builder();
            // the extremes and their neighbours sit in the first and last buckets
            for (long edge : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L}) {
                if (held.size() < n) {
                    held.add(edge);
                    builder.add(edge);
                }
            }
            while (held.size() < n) {
                long h = random.nextLong();
                held.add(h);
                builder.add(h);
                builder.add(h); // repeats collapse
            }
            LeakHashes hashes = builder.build();
            assertThat(hashes.size()).isEqualTo(n);
            for (long h : held) {
                assertThat(hashes.contains(h)).as("held %d of %d", h, n).isTrue();
                assertThat(hashes.contains(h + 1) == held.contains(h + 1)).as("neighbour of %d", h).isTrue();
                assertThat(hashes.contains(h - 1) == held.contains(h - 1)).as("neighbour of %d", h).isTrue();
            }
            for (int i = 0; i < 10_000; i++) {
                long other = random.nextLong();
                assertThat(hashes.contains(other)).isEqualTo(held.contains(other));
            }
        }
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        LeakHashes.Builder builder = new LeakHashes.Builder();
        for (long h = -500; h < 500; h += 3) {
            builder.add(h * 0x9E3779B97F4A7C15L);
        }
        LeakHashes written = builder.build();
        Path file = dir.resolve("hashes.bin");
        written.write(file);
        LeakHashes read = LeakHashes.read(file);
        assertThat(read.size()).isEqualTo(written.size());
        for (long h = -500; h < 500; h++) {
            assertThat(read.contains(h * 0x9E3779B97F4A7C15L)).isEqualTo((h + 500) % 3 == 0);
        }
        assertThat(Files.size(file)).isEqualTo(12 + 8L * written.size());
    }
}
