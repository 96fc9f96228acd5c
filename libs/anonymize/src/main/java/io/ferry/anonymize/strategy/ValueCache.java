package io.ferry.anonymize.strategy;

/**
 * A small per-thread cache of source value → output for one rule: direct-mapped (each value has one slot, picked
 * by its hash; a new value overwrites the slot), so a lookup costs one hash and one {@code equals}, and memory is
 * bounded. Values repeat a lot in a district (first names, cities, the email of a person on every event), and a
 * hit saves an HMAC, a Datafaker call or an FF1 encryption. Nothing is stored beyond the thread's slots: no
 * mapping is ever written anywhere.
 *
 * <p>Where values do not repeat (a column of unique emails, phones or ids), a lookup only costs: a slot and its
 * string are rarely in the processor's cache. So a thread that found fewer than one value in
 * {@value #SPARSE_HITS} of the last {@value #WINDOW} in its slots leaves them alone for the next
 * {@value #REST} values, then looks again. The output is the same either way.
 */
final class ValueCache {

    static final int WINDOW = 4096;
    static final int SPARSE_HITS = 64;
    static final int REST = 16 * WINDOW;

    private final int mask;
    private final ThreadLocal<Slots> slots;

    /** One thread's slots, and how well they served lately. */
    private static final class Slots {
        final String[] pairs;
        int lookups;
        int hits;
        int resting;

        Slots(int n) {
            pairs = new String[2 * n];
        }
    }

    /** @param size slots per thread, rounded up to a power of two; 0 disables the cache */
    ValueCache(int size) {
        int n = size <= 0 ? 0 : Integer.highestOneBit(Math.max(1, size - 1)) << 1;
        this.mask = n - 1;
        this.slots = n == 0 ? null : ThreadLocal.withInitial(() -> new Slots(n));
    }

    /**
     * The output for {@code value}: the cached one, or {@code compute}'s (which is then kept). One thread-local lookup
     * either way. {@code entityKey} is handed to {@code compute} as it is.
     */
    String apply(String value, String entityKey, FieldAnonymizer compute) {
        if (slots == null) {
            return compute.apply(value, entityKey);
        }
        Slots s = slots.get();
        if (s.resting > 0) {
            s.resting--;
            return compute.apply(value, entityKey);
        }
        int i = index(value);
        String[] pairs = s.pairs;
        boolean hit = value.equals(pairs[i]);
        if (hit) {
            s.hits++;
        }
        if (++s.lookups == WINDOW) {
            s.resting = s.hits < SPARSE_HITS ? REST : 0;
            s.lookups = 0;
            s.hits = 0;
        }
        if (hit) {
            return pairs[i + 1];
        }
        String output = compute.apply(value, entityKey);
        if (output != null) {
            pairs[i] = value;
            pairs[i + 1] = output;
        }
        return output;
    }

    private int index(String value) {
        int h = value.hashCode();
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return (h & mask) << 1;
    }
}
