package io.ferry.planning;

import java.util.NoSuchElementException;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * A set of row codes: a 32-bit Roaring bitmap for the codes in {@code [0, 2^32)} (ids and dictionary ids:
 * most of them), 64-bit ones (radix trees of buckets, which stay quick with many distinct high halves, as
 * packed pairs have) for the larger and the negative codes. The engine asks it several times per row it
 * reads.
 */
final class CodeSet {
    private static final long LOW = 1L << 32;

    private RoaringBitmap low = new RoaringBitmap();
    /** Unsigned order within each: among negative codes it is also their signed order. */
    private Roaring64Bitmap negative;
    private Roaring64Bitmap high;

    boolean contains(long code) {
        if (code >= 0 && code < LOW) {
            return low.contains((int) code);
        }
        Roaring64Bitmap other = code < 0 ? negative : high;
        return other != null && other.contains(code);
    }

    void add(long code) {
        if (code >= 0 && code < LOW) {
            low.add((int) code);
        } else if (code < 0) {
            negative = negative == null ? new Roaring64Bitmap() : negative;
            negative.addLong(code);
        } else {
            high = high == null ? new Roaring64Bitmap() : high;
            high.addLong(code);
        }
    }

    void remove(long code) {
        if (code >= 0 && code < LOW) {
            low.remove((int) code);
        } else {
            Roaring64Bitmap other = code < 0 ? negative : high;
            if (other != null) {
                other.removeLong(code);
            }
        }
    }

    long cardinality() {
        return low.getLongCardinality() + cardinality(negative) + cardinality(high);
    }

    private static long cardinality(Roaring64Bitmap b) {
        return b == null ? 0 : b.getLongCardinality();
    }

    /** The codes of this set that {@code other} does not hold. */
    CodeSet minus(CodeSet other) {
        CodeSet out = new CodeSet();
        out.low = RoaringBitmap.andNot(low, other.low);
        out.negative = minus(negative, other.negative);
        out.high = minus(high, other.high);
        return out;
    }

    private static Roaring64Bitmap minus(Roaring64Bitmap a, Roaring64Bitmap b) {
        if (a == null) {
            return null;
        }
        Roaring64Bitmap out = new Roaring64Bitmap();
        out.or(a);
        if (b != null) {
            out.andNot(b);
        }
        return out;
    }

    long heapBytes() {
        low.runOptimize();
        long bytes = low.getLongSizeInBytes();
        for (Roaring64Bitmap b : new Roaring64Bitmap[] {negative, high}) {
            if (b != null) {
                b.runOptimize();
                bytes += b.getLongSizeInBytes();
            }
        }
        return bytes;
    }

    /** Every code in signed order: negative codes, then the 32-bit ones, then the larger ones. */
    LongIterator iterator() {
        LongIterator first = negative == null ? null : negative.getLongIterator();
        IntIterator middle = low.getIntIterator();
        LongIterator last = high == null ? null : high.getLongIterator();
        return new LongIterator() {
            @Override
            public boolean hasNext() {
                return (first != null && first.hasNext()) || middle.hasNext() || (last != null && last.hasNext());
            }

            @Override
            public long next() {
                if (first != null && first.hasNext()) {
                    return first.next();
                }
                if (middle.hasNext()) {
                    return Integer.toUnsignedLong(middle.next());
                }
                if (last != null && last.hasNext()) {
                    return last.next();
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
