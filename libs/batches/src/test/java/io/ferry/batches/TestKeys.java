package io.ferry.batches;

import java.util.Random;

/** Distinct, reproducible AES-256 keys for tests. */
final class TestKeys {

    private TestKeys() {
    }

    static FileKey key(int version) {
        return key(version, version);
    }

    static FileKey key(int version, long seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return new FileKey(version, bytes);
    }
}
