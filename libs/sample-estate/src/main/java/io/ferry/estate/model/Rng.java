package io.ferry.estate.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded random streams: one {@link SplittableRandom} per (seed, stream name, index), so streams are
 * independent of each other and of the order (and thread) they are consumed in. Nothing here reads
 * the clock or an unseeded source.
 */
public final class Rng {
    private final SplittableRandom r;

    private Rng(long seed) {
        this.r = new SplittableRandom(seed);
    }

    public static Rng of(long seed, String stream, long index) {
        return new Rng(mix(mix(seed ^ fnv(stream)) + mix(index + 0x9E3779B97F4A7C15L)));
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public int nextInt(int bound) {
        return r.nextInt(bound);
    }

    /** In [from, to] inclusive. */
    public int between(int from, int to) {
        return from + r.nextInt(to - from + 1);
    }

    public long nextLong() {
        return r.nextLong();
    }

    public double nextDouble() {
        return r.nextDouble();
    }

    public boolean chance(double p) {
        return r.nextDouble() < p;
    }

    public <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    public <T> T pick(T[] array) {
        return array[r.nextInt(array.length)];
    }

    /** A version-4 UUID from this stream. */
    public UUID uuid() {
        long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
