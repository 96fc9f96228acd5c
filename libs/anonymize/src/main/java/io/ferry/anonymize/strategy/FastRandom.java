package io.ferry.anonymize.strategy;

import java.util.Random;

/**
 * The random source handed to Datafaker: SplitMix64 over a full 64-bit state (where {@link Random} keeps 48 bits),
 * without the atomic update {@link Random} pays on every draw. Used by one thread only, and re-seeded for every
 * value. Every draw of {@link Random} goes through {@link #next(int)}, so Datafaker's output depends only on the
 * seed.
 */
final class FastRandom extends Random {

    private long state; // no initialiser: Random's constructor calls setSeed before field initialisers would run

    FastRandom() {
        super(0L);
    }

    @Override
    public void setSeed(long seed) {
        state = seed;
    }

    /** Without {@link Random}'s cached second value, so that a re-seed starts afresh. */
    @Override
    public double nextGaussian() {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    @Override
    protected int next(int bits) {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z >>> (64 - bits));
    }
}
