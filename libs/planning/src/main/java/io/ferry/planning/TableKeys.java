package io.ferry.planning;

import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * The rows of one table in the closure, as Roaring bitmaps of codes: a single integer key is its own
 * code, any other key is coded by a {@link KeyDictionary}. {@code included} holds every row in the
 * closure, {@code down} those reached downward (owned by the district).
 */
final class TableKeys implements AutoCloseable {
    private final KeyDictionary dictionary;
    private final Roaring64NavigableMap included = new Roaring64NavigableMap(true);
    private final Roaring64NavigableMap down = new Roaring64NavigableMap(true);

    /** @param dictionary null for a single integer key */
    TableKeys(KeyDictionary dictionary) {
        this.dictionary = dictionary;
    }

    long code(Tuple key) {
        return dictionary == null ? (Long) key.get(0) : dictionary.idOf(key);
    }

    /** The key's code, or null when the key was never seen. */
    Long existingCode(Tuple key) {
        if (dictionary == null) {
            return key.get(0) instanceof Long l ? l : null;
        }
        long id = dictionary.find(key);
        return id < 0 ? null : id;
    }

    Tuple key(long code) {
        return dictionary == null ? Tuple.of(code) : dictionary.get(code);
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
        included.addLong(code);
    }

    void markDown(long code) {
        included.addLong(code);
        down.addLong(code);
    }

    long includedCount() {
        return included.getLongCardinality();
    }

    /** Codes of rows included but not reached downward. */
    Roaring64NavigableMap upOnly() {
        Roaring64NavigableMap up = new Roaring64NavigableMap(true);
        up.or(included);
        up.andNot(down);
        return up;
    }

    /** Every included key, sorted (see {@link Tuple#compareTo}). */
    List<Tuple> sortedKeys() {
        List<Tuple> keys = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, included.getLongCardinality()));
        LongIterator it = included.getLongIterator();
        while (it.hasNext()) {
            keys.add(key(it.next()));
        }
        if (dictionary != null) {
            keys.sort(null);
        }
        return keys;
    }

    long heapBytes() {
        included.runOptimize();
        down.runOptimize();
        return included.getLongSizeInBytes() + down.getLongSizeInBytes()
                + (dictionary == null ? 0 : dictionary.heapBytes());
    }

    @Override
    public void close() {
        if (dictionary != null) {
            dictionary.close();
        }
    }
}
