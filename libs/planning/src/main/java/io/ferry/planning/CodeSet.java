package io.ferry.planning;

import java.util.NoSuchElementException;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * A set of row codes: a 32-bit Roaring bitmap for the codes in {@code [0, 2^32)} (ids and dictionary ids:
 * nearly all of them), a 64-bit one for the rest (negative ids, packed pairs). The engine asks it several
 * times per row it reads; the 32-bit bitmap answers without the 64-bit map's tree of buckets.
 */
final class CodeSet {
    private static final long LOW = 1L << 32;

    private final RoaringBitmap low = new RoaringBitmap();
    private Roaring64NavigableMap rest;

    boolean contains(long code) {
        if (code >= 0 && code < LOW) {
            return low.contains((int) code);
        }
        return rest != null && rest.contains(code);
    }

    void add(long code) {
        if (code >= 0 && code < LOW) {
            low.add((int) code);
        } else {
            if (rest == null) {
                rest = new Roaring64NavigableMap(true);
            }
            rest.addLong(code);
        }
    }

    long cardinality() {
        return low.getLongCardinality() + (rest == null ? 0 : rest.getLongCardinality());
    }

    /** The codes of this set that {@code other} does not hold. */
    CodeSet minus(CodeSet other) {
        CodeSet out = new CodeSet();
        out.low.or(low);
        out.low.andNot(other.low);
        if (rest != null) {
            out.rest = new Roaring64NavigableMap(true);
            out.rest.or(rest);
            if (other.rest != null) {
                out.rest.andNot(other.rest);
            }
        }
        return out;
    }

    long heapBytes() {
        low.runOptimize();
        if (rest != null) {
            rest.runOptimize();
        }
        return low.getLongSizeInBytes() + (rest == null ? 0 : rest.getLongSizeInBytes());
    }

    /** Every code in signed order: negative codes, then the 32-bit ones, then the larger ones. */
    LongIterator iterator() {
        LongIterator big = rest == null ? null : rest.getLongIterator();
        IntIterator small = low.getIntIterator();
        return new LongIterator() {
            private long peeked;
            private boolean hasPeeked;

            private boolean peekBig() {
                if (!hasPeeked && big != null && big.hasNext()) {
                    peeked = big.next();
                    hasPeeked = true;
                }
                return hasPeeked;
            }

            @Override
            public boolean hasNext() {
                return peekBig() || small.hasNext();
            }

            @Override
            public long next() {
                if (peekBig() && peeked < 0) {
                    hasPeeked = false;
                    return peeked;
                }
                if (small.hasNext()) {
                    return Integer.toUnsignedLong(small.next());
                }
                if (peekBig()) {
                    hasPeeked = false;
                    return peeked;
                }
                throw new NoSuchElementException();
            }

            @Override
            public LongIterator clone() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
