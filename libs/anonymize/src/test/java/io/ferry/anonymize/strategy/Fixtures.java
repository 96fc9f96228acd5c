package io.ferry.anonymize.strategy;

import io.ferry.anonymize.AnonymizationKey;

/** Fixed keys for tests (never a real key: the secret is the bytes 0 to 31). */
final class Fixtures {

    static final AnonymizationKey KEY = key(1, 0);
    static final AnonymizationKey KEY_V2 = key(2, 0);
    static final AnonymizationKey OTHER_SECRET = key(1, 100);

    private Fixtures() {
    }

    static AnonymizationKey key(int version, int firstByte) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (firstByte + i);
        }
        return new AnonymizationKey(version, secret);
    }

    static Anonymizer anonymizer() {
        return new Anonymizer(KEY);
    }

    static FieldRule rule(String type) {
        return FieldRule.of(type, null);
    }

    static FieldRule rule(String type, String strategy) {
        return FieldRule.of(type, strategy);
    }
}
