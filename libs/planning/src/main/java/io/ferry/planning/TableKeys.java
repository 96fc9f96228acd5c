package io.ferry.planning;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.roaringbitmap.longlong.LongIterator;

/**
 * The rows of one table in the closure, as sets of codes ({@link CodeSet}): a single integer key is its own
 * code, a key of two integers that fit in 31 and 32 bits is packed into one (junction tables: no
 * dictionary entry, and the codes sort like the keys), any other key is coded by a {@link KeyDictionary}.
 * {@code included} holds every row in the closure, {@code down} those reached downward (owned by the
 * district).
 */
final class TableKeys implements AutoCloseable {
    private final KeyDictionary dictionary;
    private final boolean pairs;
    /** Added to dictionary ids; negative for pairs, so they never meet a packed code. */
    private final long dictionaryBase;
    private final CodeSet included = new CodeSet();
    private final CodeSet down = new CodeSet();

    /**
     * @param dictionary null for a single integer key
     * @param pairs      whether the key is two integer columns
     */
    TableKeys(KeyDictionary dictionary, boolean pairs) {
        this.dictionary = dictionary;
        this.pairs = pairs;
        this.dictionaryBase = pairs ? Long.MIN_VALUE : 0;
    }

    /** The code of a pair key, or -1 when a value is null or out of range. */
    static long pack(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y && x >= 0 && x <= Integer.MAX_VALUE && y >= 0 && y <= 0xFFFF_FFFFL) {
            return x << 32 | y;
        }
        return -1;
    }

    boolean integerKey() {
        return dictionary == null;
    }

    boolean pairs() {
        return pairs;
    }

    long code(Tuple key) {
        if (dictionary == null) {
            return (Long) key.get(0);
        }
        if (pairs) {
            long packed = pack(key.get(0), key.get(1));
            if (packed >= 0) {
                return packed;
            }
        }
        return dictionaryBase + dictionary.idOf(key);
    }

    /** The key's code, or null when the key was never seen. */
    Long existingCode(Tuple key) {
        if (dictionary == null) {
            return key.get(0) instanceof Long l ? l : null;
        }
        if (pairs) {
            long packed = pack(key.get(0), key.get(1));
            if (packed >= 0) {
                return packed;
            }
        }
        long id = dictionary.find(key);
        return id < 0 ? null : dictionaryBase + id;
    }

    Tuple key(long code) {
        if (dictionary == null) {
            return Tuple.of(code);
        }
        if (pairs && code >= 0) {
            return Tuple.of(code >>> 32, code & 0xFFFF_FFFFL);
        }
        return dictionary.get(code - dictionaryBase);
    }

    boolean isIncluded(long code) {
        return included.contains(code);
    }

    boolean isDown(long code) {
        return down.contains(code);
    }

    boolean containsIncluded(Tuple key) {
        Long code = existingCode(key);
        return code != null && included.contains(code);
    }

    void markIncluded(long code) {
        included.add(code);
    }

    /** @param wasIncluded whether the row is included already (reached upward before) */
    void markDown(long code, boolean wasIncluded) {
        if (!wasIncluded) {
            included.add(code);
        }
        down.add(code);
    }

    /** Takes a row out of the closure. */
    void drop(long code) {
        included.remove(code);
        down.remove(code);
    }

    long includedCount() {
        return included.cardinality();
    }

    /** Codes of rows included but not reached downward, in signed order. */
    LongIterator upOnly() {
        return included.minus(down).iterator();
    }

    /** Every included key, sorted (see {@link Tuple#compareTo}). */
    List<Tuple> sortedKeys() {
        int size = (int) Math.min(Integer.MAX_VALUE, included.cardinality());
        LongIterator it = included.iterator();
        if (dictionary == null || dictionary.size() == 0) {
            // Integer and packed codes iterate in key order and decode without the dictionary, so the list holds
            // the codes and makes each key as it is read: 8 bytes a key instead of about 70 (a tuple, its array and
            // a boxed long), for as long as the extraction reads the table. Safe to read from any thread.
            long[] codes = new long[size];
            for (int i = 0; i < size; i++) {
                codes[i] = it.next();
            }
            return new DecodedKeys(codes);
        }
        List<Tuple> keys = new ArrayList<>(size);
        while (it.hasNext()) {
            keys.add(key(it.next()));
        }
        keys.sort(null); // dictionary ids are in order of arrival
        return keys;
    }

    /** Keys made from their codes on each read, for codes that need no dictionary. */
    private final class DecodedKeys extends AbstractList<Tuple> implements RandomAccess {
        private final long[] codes;

        DecodedKeys(long[] codes) {
            this.codes = codes;
        }

        @Override
        public Tuple get(int index) {
            return key(codes[index]);
        }

        @Override
        public int size() {
            return codes.length;
        }
    }

    long heapBytes() {
        return included.heapBytes() + down.heapBytes() + (dictionary == null ? 0 : dictionary.heapBytes());
    }

    @Override
    public void close() {
        if (dictionary != null) {
            dictionary.close();
        }
    }
}
