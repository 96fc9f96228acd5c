package io.ferry.anonymize.strategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A keyed pseudorandom permutation of the strings of {@code n} digits in one radix, for every {@code n}: FF1
 * (NIST SP 800-38G, AES-256; {@link Ff1}, the same function as BouncyCastle's engine) when the domain holds at
 * least a million strings, which FF1 requires; below that a table, the domain sorted by a keyed hash of each
 * element (built once per length and cached).
 *
 * <p>Digits are bytes {@code 0..radix-1}, most significant first. Thread-safe.
 */
final class KeyedPermutation {

    private static final long FF1_MIN_DOMAIN = 1_000_000;

    private final KeyedHash tableHash;
    private final int radix;
    private final String tableType;
    private final Ff1 ff1;
    private final ConcurrentHashMap<Integer, int[][]> tables = new ConcurrentHashMap<>();

    /**
     * @param aesKey    the 32-byte FF1 key
     * @param tableHash the keyed hash that orders the small domains
     * @param radix     2 to 256
     * @param tweak     public context (the data type and the use), so that two uses permute differently
     */
    KeyedPermutation(byte[] aesKey, KeyedHash tableHash, int radix, String tweak) {
        this.tableHash = tableHash;
        this.radix = radix;
        this.tableType = "permutation/" + radix + "/" + tweak;
        this.ff1 = new Ff1(aesKey, radix, shortTweak(tweak));
    }

    int radix() {
        return radix;
    }

    /** Permutes the digits in place. */
    void encrypt(byte[] digits) {
        apply(digits, true);
    }

    /** The inverse of {@link #encrypt}, in place. */
    void decrypt(byte[] digits) {
        apply(digits, false);
    }

    /**
     * The permutation restricted to a subset by cycle walking: encrypts until the result is in the subset again.
     * {@code digits} must be in the subset. A bijection of the subset onto itself.
     */
    void encryptWithin(byte[] digits, Predicate<byte[]> subset) {
        do {
            encrypt(digits);
        } while (!subset.test(digits));
    }

    /** The inverse of {@link #encryptWithin}. */
    void decryptWithin(byte[] digits, Predicate<byte[]> subset) {
        do {
            decrypt(digits);
        } while (!subset.test(digits));
    }

    /**
     * A permutation without fixed points: {@code π⁻¹(π(x) + 1)}, the permutation conjugated with "add one modulo
     * radixⁿ". It never maps a string onto itself (unless the domain has a single element) and is still a bijection.
     */
    void encryptDeranged(byte[] digits) {
        encrypt(digits);
        addOne(digits, 1);
        decrypt(digits);
    }

    /** The inverse of {@link #encryptDeranged}. */
    void decryptDeranged(byte[] digits) {
        encrypt(digits);
        addOne(digits, -1);
        decrypt(digits);
    }

    private void addOne(byte[] digits, int delta) {
        for (int i = digits.length - 1; i >= 0; i--) {
            int d = digits[i] + delta;
            if (d >= 0 && d < radix) {
                digits[i] = (byte) d;
                return;
            }
            digits[i] = (byte) (delta > 0 ? 0 : radix - 1);
        }
    }

    private void apply(byte[] digits, boolean forward) {
        int n = digits.length;
        if (n == 0) {
            return;
        }
        if (Math.pow(radix, n) >= FF1_MIN_DOMAIN) {
            if (forward) {
                ff1.encrypt(digits);
            } else {
                ff1.decrypt(digits);
            }
            return;
        }
        int[][] table = tables.computeIfAbsent(n, this::table);
        int x = 0;
        for (byte d : digits) {
            x = x * radix + d;
        }
        int y = table[forward ? 0 : 1][x];
        for (int i = n - 1; i >= 0; i--) {
            digits[i] = (byte) (y % radix);
            y /= radix;
        }
    }

    /**
     * The FF1 tweak: the first 4 bytes of SHA-256 of the use's name. Short, so that FF1's round input needs fewer
     * AES blocks.
     */
    static byte[] shortTweak(String tweak) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tweak.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** {forward, inverse}: the domain ordered by the keyed hash of each element; element i maps to the i-th. */
    private int[][] table(int n) {
        int size = (int) Math.round(Math.pow(radix, n));
        long[] order = new long[size];
        for (int x = 0; x < size; x++) {
            // the high bits rank, the low bits hold x (size < 2^20), so equal ranks still sort deterministically
            long rank = tableHash.seed(tableType, n, Integer.toString(x)) & 0xFFFF_FFFF_FFF0_0000L;
            order[x] = rank | x;
        }
        Arrays.sort(order); // signed order: deterministic all the same
        int[] forward = new int[size];
        int[] inverse = new int[size];
        for (int i = 0; i < size; i++) {
            int x = (int) (order[i] & 0xF_FFFF);
            forward[i] = x;
        }
        for (int i = 0; i < size; i++) {
            inverse[forward[i]] = i;
        }
        return new int[][] {forward, inverse};
    }
}
