package io.ferry.planning;

/**
 * Gives each distinct non-integer or composite key of one table a dense {@code long} id, so that the
 * closure's row sets are Roaring bitmaps of ids whatever the key's type.
 */
interface KeyDictionary extends AutoCloseable {

    /** The key's id, assigning the next one when the key is new. */
    long idOf(Tuple key);

    /** The key's id, or -1 when it has none. */
    long find(Tuple key);

    Tuple get(long id);

    long size();

    /** An estimate of the heap it holds. */
    long heapBytes();

    @Override
    default void close() {
    }
}
