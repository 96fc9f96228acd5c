package io.ferry.anonymize.leak;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.ferry.anonymize.AnonymizationKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LeakKeyTest {

    private static final AnonymizationKey KEY =
            new AnonymizationKey(1, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    /** Leak hashes outlive a release in staging (a run reusing an extraction reads its {@code leak/}): never changed. */
    @Test
    void hashesTokensAsGuavasSipHashDidBefore() {
        ByteBuffer derived = ByteBuffer.wrap(KEY.derive("leak"));
        HashFunction before = Hashing.sipHash24(derived.getLong(), derived.getLong());
        LeakKey key = new LeakKey(KEY);
        for (String token : tokens()) {
            assertThat(key.hash(token)).as(token).isEqualTo(before.hashString(token, StandardCharsets.UTF_8).asLong());
        }
    }

    @Test
    void aTokensHashIsPinned() {
        LeakKey key = new LeakKey(KEY);
        assertThat(LeakKey.hex(key.hash("t:thea.v@mail.com"))).isEqualTo("834c67a0281538f8");
        assertThat(key.hash("t:thea.v@mail.com")).isEqualTo(key.hash("t:thea.v@mail.com"));
        assertThat(key.hash("t:thea.v@mail.com")).isNotEqualTo(key.hash("t:thea.w@mail.com"));
        assertThat(new LeakKey(new AnonymizationKey(2, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
                .hash("t:thea.v@mail.com")).as("another key version").isNotEqualTo(key.hash("t:thea.v@mail.com"));
    }

    @Test
    void aHasherGivesTheKeysHashesFromStringsAndBytes() {
        LeakKey key = new LeakKey(KEY);
        LeakKey.Hasher hasher = key.hasher();
        byte[] buffer = new byte[256];
        for (String token : tokens()) {
            byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, buffer, 0, utf8.length);
            buffer[utf8.length] = 'x'; // bytes past the length do not count
            assertThat(hasher.hash(token)).as(token).isEqualTo(key.hash(token));
            assertThat(hasher.hash(buffer, utf8.length)).as(token).isEqualTo(key.hash(token));
        }
    }

    @Test
    void threadsHashingAtOnceGetWhatOneThreadGets() throws Exception {
        LeakKey key = new LeakKey(KEY);
        List<String> tokens = tokens();
        List<Long> alone = tokens.stream().map(key::hash).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> together = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                together.add(pool.submit(() -> tokens.stream().map(key::hash).toList()));
            }
            for (Future<List<Long>> f : together) {
                assertThat(f.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Empty, every length around SipHash's 8-byte words, and characters of one to four UTF-8 bytes. */
    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>(List.of("", "t:", "a:F5413197026", "d:14583197026", "t:zoë ångström",
                "t:東京都港区", "t:\uD83D\uDE00 smile", "t:thea.v@mail.com"));
        Random random = new Random(20261126);
        for (int length = 0; length < 40; length++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append((char) (random.nextInt(4) == 0 ? 0xA0 + random.nextInt(0x700) : 'a' + random.nextInt(26)));
            }
            tokens.add(s.toString());
        }
        return tokens;
    }
}
