package io.ferry.anonymize.strategy;

/**
 * A small per-thread cache of source value → output for one rule: direct-mapped (each value has one slot, picked
 * by its hash; a new value overwrites the slot), so a lookup costs one hash and one {@code equals}, and memory is
 * bounded. Values repeat a lot in a district (first names, cities, the email of a person on every event), and a
 * hit saves an HMAC, a Datafaker call or an FF1 encryption. Nothing is stored beyond the thread's slots: no
 * mapping is ever written anywhere.
 */
final class ValueCache {

    private final int mask;
    private final ThreadLocal<String[]> slots;

    /** @param size slots per thread, rounded up to a power of two; 0 disables the cache */
    ValueCache(int size) {
        int n = size <= 0 ? 0 : Integer.highestOneBit(Math.max(1, size - 1)) << 1;
        this.mask = n - 1;
        this.slots = n == 0 ? null : ThreadLocal.withInitial(() -> new String[2 * n]);
    }

    /** The cached output for this value, or null. */
    String get(String value) {
        if (slots == null) {
            return null;
        }
        String[] s = slots.get();
        int i = index(value);
        return value.equals(s[i]) ? s[i + 1] : null;
    }

    void put(String value, String output) {
        if (slots == null || output == null) {
            return;
        }
        String[] s = slots.get();
        int i = index(value);
        s[i] = value;
        s[i + 1] = output;
    }

    private int index(String value) {
        int h = value.hashCode();
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return (h & mask) << 1;
    }
}
