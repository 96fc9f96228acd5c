package io.ferry.anonymize.strategy;

import java.util.concurrent.ConcurrentHashMap;

import io.ferry.anonymize.AnonymizationKey;

/**
 * The key material of one anonymization key and version, one derived key per purpose, so that no two strategies
 * share a key: fake-value seeds, hashes, tokens, date shifts, FF1 and the small permutation tables. Everything is
 * derived from the secret and the version only ({@link AnonymizationKey#derive}).
 */
final class Keys {

    final int version;
    /** Seeds of fake values: HMAC(type, draw, canonical value). */
    final KeyedHash seeds;
    final KeyedHash hashes;
    final KeyedHash tokens;
    final KeyedHash shifts;
    private final KeyedHash tables;
    private final byte[] ff1;
    private final ConcurrentHashMap<String, KeyedPermutation> permutations = new ConcurrentHashMap<>();

    Keys(AnonymizationKey key) {
        this.version = key.version();
        this.seeds = new KeyedHash(key, "seed");
        this.hashes = new KeyedHash(key, "hash");
        this.tokens = new KeyedHash(key, "token");
        this.shifts = new KeyedHash(key, "date-shift");
        this.tables = new KeyedHash(key, "permutation-table");
        this.ff1 = key.derive("ff1");
    }

    /** The keyed permutation for one radix and tweak (shared by all threads; each thread has its own engines). */
    KeyedPermutation permutation(int radix, String tweak) {
        return permutations.computeIfAbsent(radix + "|" + tweak,
                k -> new KeyedPermutation(ff1, tables, radix, tweak));
    }
}
