package io.ferry.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link KeyDictionary} held on the heap: a hash map one way and a list the other. */
final class InMemoryDictionary implements KeyDictionary {
    private final Map<Tuple, Integer> ids = new HashMap<>();
    private final List<Tuple> keys = new ArrayList<>();
    private long valueBytes;

    @Override
    public long idOf(Tuple key) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int next = keys.size();
        ids.put(key, next);
        keys.add(key);
        valueBytes += TupleCodec.heapBytes(key);
        return next;
    }

    @Override
    public long find(Tuple key) {
        Integer id = ids.get(key);
        return id == null ? -1 : id;
    }

    @Override
    public Tuple get(long id) {
        return keys.get((int) id);
    }

    @Override
    public long size() {
        return keys.size();
    }

    /** Entry (about 48 bytes with its boxed id), list slot and the tuple itself. */
    @Override
    public long heapBytes() {
        return keys.size() * 56L + valueBytes;
    }

    /** Moves every key out, in id order (for spilling); the dictionary is empty afterwards. */
    List<Tuple> drain() {
        List<Tuple> all = new ArrayList<>(keys);
        ids.clear();
        keys.clear();
        valueBytes = 0;
        return all;
    }
}
