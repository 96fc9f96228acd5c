package io.ferry.anonymize.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The district's token dictionary as the free-text scrubber looks it up: the HMAC-SHA256 values of the
 * preflight's {@code {runId}/dictionary/tokens.txt} (one 64-character hex hash per line), kept as the first
 * 128 bits of each hash in two sorted {@code long} arrays; 128 bits leave no practical room for a false hit.
 * Immutable and thread-safe. No plain token is held.
 *
 * <p>A lookup goes straight to the few hashes that share its leading bits ({@code start}, one entry per one to
 * two hashes): HMACs are spread evenly, and a binary search over a large district's 364,335 hashes touched some
 * nineteen places in 6 MB of arrays, most of them cache misses, for every word the scrubber had not seen lately.
 */
public final class DictionaryHashes {

    private static final DictionaryHashes EMPTY = new DictionaryHashes(new long[0], new long[0]);

    private final long[] hi;
    private final long[] lo;
    /** Bits of a hash that pick its bucket, and each bucket's first index (then one past the last bucket's end). */
    private final int bits;
    private final int[] start;

    private DictionaryHashes(long[] hi, long[] lo) {
        this.hi = hi;
        this.lo = lo;
        this.bits = Math.max(1, 63 - Long.numberOfLeadingZeros(Math.max(1, hi.length)));
        this.start = new int[(1 << bits) + 1];
        int i = 0;
        for (int b = 0; b <= 1 << bits; b++) {
            while (i < hi.length && bucket(hi[i]) < b) {
                i++;
            }
            start[b] = i;
        }
    }

    /** The hash's leading bits in the arrays' (signed) order. */
    private int bucket(long h) {
        return (int) ((h ^ Long.MIN_VALUE) >>> (64 - bits));
    }

    public static DictionaryHashes empty() {
        return EMPTY;
    }

    /**
     * The hashes given as hex strings (64 hex digits, either case; surrounding whitespace ignored).
     *
     * @throws IllegalArgumentException when one is not a 64-digit hex string (the message names its position)
     */
    public static DictionaryHashes of(Collection<String> hexHashes) {
        List<long[]> pairs = new ArrayList<>(hexHashes.size());
        int n = 0;
        for (String h : hexHashes) {
            n++;
            if (h == null) {
                throw new IllegalArgumentException("dictionary hash " + n + " is null");
            }
            pairs.add(parse(h.strip(), n));
        }
        return build(pairs);
    }

    /** Reads the lines format ({@code tokens.txt}): one hash per line; blank lines are skipped. */
    public static DictionaryHashes read(Reader reader) throws IOException {
        List<long[]> pairs = new ArrayList<>();
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String s = line.strip();
            if (!s.isEmpty()) {
                pairs.add(parse(s, n));
            }
        }
        return build(pairs);
    }

    public static DictionaryHashes read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    private static long[] parse(String s, int n) {
        if (s.length() != 64 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            throw new IllegalArgumentException("dictionary line " + n + " is not a 64-digit hex HMAC");
        }
        return new long[] {Long.parseUnsignedLong(s.substring(0, 16), 16), Long.parseUnsignedLong(s.substring(16, 32), 16)};
    }

    private static DictionaryHashes build(List<long[]> pairs) {
        if (pairs.isEmpty()) {
            return EMPTY;
        }
        pairs.sort(DictionaryHashes::compare);
        long[] hi = new long[pairs.size()];
        long[] lo = new long[pairs.size()];
        int k = 0;
        for (long[] p : pairs) {
            if (k > 0 && hi[k - 1] == p[0] && lo[k - 1] == p[1]) {
                continue;
            }
            hi[k] = p[0];
            lo[k] = p[1];
            k++;
        }
        return new DictionaryHashes(Arrays.copyOf(hi, k), Arrays.copyOf(lo, k));
    }

    private static int compare(long[] a, long[] b) {
        int c = Long.compare(a[0], b[0]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    }

    public int size() {
        return hi.length;
    }

    public boolean isEmpty() {
        return hi.length == 0;
    }

    /** Whether the hash given as 64 hex digits is in the dictionary. */
    public boolean containsHex(String hex) {
        long[] p = parse(hex.strip(), 1);
        return contains(p[0], p[1]);
    }

    /** Whether the raw HMAC (at least 16 bytes) is in the dictionary. */
    boolean contains(byte[] mac) {
        return contains(bigEndian(mac, 0), bigEndian(mac, 8));
    }

    private boolean contains(long h, long l) {
        int b = bucket(h);
        for (int i = start[b], end = start[b + 1]; i < end; i++) {
            if (hi[i] == h && lo[i] == l) {
                return true;
            }
        }
        return false;
    }

    static long bigEndian(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }
}
