package io.ferry.anonymize.leak;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;

/**
 * A sorted set of keyed hashes ({@link LeakKey}): a batch's source identifiers under {@code {runId}/leak/}, or a
 * whole run's. The file form is the magic {@code FERRYLK1}, the count, then the hashes in ascending order,
 * big-endian. Keyed hashes spread evenly, so a lookup goes through an index by the hash's top bits to the one or
 * two entries that can hold it: the leak check looks up every token of a run, and a binary search over millions
 * of hashes missed the processor's caches at every step.
 */
public final class LeakHashes {

    private static final long MAGIC = 0x46455252594C4B31L; // "FERRYLK1"

    private final long[] sorted;
    /** Bucket b (the hash's top bits, in signed order) holds {@code sorted[starts[b] .. starts[b + 1])}. */
    private final int[] starts;
    private final int shift;
    /**
     * One bit per hash, by its low bits, eight to sixteen bits per hash: a token whose bit is clear (seven in eight
     * or more of those that are no source identifier, nearly all) is answered from this small array, which stays in
     * the processor's caches, instead of the index and the hashes, which are several times larger.
     */
    private final long[] filter;
    private final int filterMask;

    private LeakHashes(long[] sorted) {
        this.sorted = sorted;
        int words = Integer.highestOneBit(Math.max(1, sorted.length / 8 - 1)) << 1; // 64 bits a word: 8 to 16 per hash
        this.filter = new long[words];
        this.filterMask = words - 1;
        for (long h : sorted) {
            filter[(int) (h >>> 6) & filterMask] |= 1L << h;
        }
        // one or two hashes per bucket (2^bits >= n / 2): an int per two longs
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, (sorted.length - 1) / 2)));
        this.shift = 64 - bits;
        this.starts = new int[(1 << bits) + 1];
        int at = 0;
        for (int b = 0; b < (1 << bits); b++) {
            starts[b] = at;
            while (at < sorted.length && bucket(sorted[at]) == b) {
                at++;
            }
        }
        starts[1 << bits] = at;
    }

    /** The top bits of the hash with the sign flipped, so that buckets follow the array's signed order. */
    private int bucket(long hash) {
        return (int) ((hash ^ Long.MIN_VALUE) >>> shift);
    }

    public static LeakHashes empty() {
        return new LeakHashes(new long[0]);
    }

    public boolean contains(long hash) {
        if ((filter[(int) (hash >>> 6) & filterMask] & (1L << hash)) == 0) {
            return false;
        }
        int b = bucket(hash);
        for (int i = starts[b], end = starts[b + 1]; i < end; i++) {
            if (sorted[i] >= hash) {
                return sorted[i] == hash;
            }
        }
        return false;
    }

    public int size() {
        return sorted.length;
    }

    /** The union of several sets. */
    public static LeakHashes union(Collection<LeakHashes> sets) {
        Builder all = new Builder();
        for (LeakHashes s : sets) {
            for (long h : s.sorted) {
                all.add(h);
            }
        }
        return all.build();
    }

    public void write(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.writeLong(MAGIC);
            out.writeInt(sorted.length);
            for (long h : sorted) {
                out.writeLong(h);
            }
        }
    }

    /** @throws IOException also when the file is not a hash set (wrong magic, truncated) */
    public static LeakHashes read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(file.getFileName() + " is not a leak hash set");
            }
            int n = in.readInt();
            if (n < 0) {
                throw new IOException(file.getFileName() + " has a negative count");
            }
            long[] hashes = new long[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = in.readLong();
                if (i > 0 && hashes[i] <= hashes[i - 1]) {
                    throw new IOException(file.getFileName() + " is not sorted");
                }
            }
            return new LeakHashes(hashes);
        }
    }

    /** Collects hashes in any order, with repeats; {@link #build()} sorts and removes the repeats. */
    public static final class Builder {

        private long[] hashes = new long[1024];
        private int size;

        public void add(long hash) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash;
        }

        public int size() {
            return size;
        }

        public LeakHashes build() {
            long[] copy = Arrays.copyOf(hashes, size);
            Arrays.sort(copy);
            int unique = 0;
            for (int i = 0; i < copy.length; i++) {
                if (i == 0 || copy[i] != copy[unique - 1]) {
                    copy[unique++] = copy[i];
                }
            }
            return new LeakHashes(Arrays.copyOf(copy, unique));
        }
    }
}
