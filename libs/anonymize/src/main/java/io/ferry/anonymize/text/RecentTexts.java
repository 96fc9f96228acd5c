package io.ferry.anonymize.text;

/**
 * A small direct-mapped cache of one thread's recent texts and what was worked out for each: the scrubber's plan and
 * dictionary answers, the leak check's token count, the values whose source hashes a batch holds already. Column
 * values and JSON leaves repeat (roles, user agents, statuses, dates): working one out again costs regular
 * expressions or a keyed hash per token, a hit costs a hash and an equals. A text replaces whatever held its slot.
 * Each slot keeps its text's hash beside it, so a lookup that misses compares two ints in one dense array instead of
 * reaching for the slot's string and its bytes. Not thread-safe: one per thread.
 */
public final class RecentTexts<V> {

    /** Texts longer than this are rarely repeated and are not kept. */
    public static final int LONGEST = 256;
    private static final int SLOTS = 4096;

    private final int[] hashes = new int[SLOTS];
    private final String[] texts = new String[SLOTS];
    private final Object[] values = new Object[SLOTS];

    /** What was kept for exactly this text, or null. */
    @SuppressWarnings("unchecked")
    public V get(String text) {
        int h = text.hashCode();
        int slot = slot(h);
        return hashes[slot] == h && text.equals(texts[slot]) ? (V) values[slot] : null;
    }

    /** Keeps {@code value} for {@code text}, unless the text is longer than {@value #LONGEST} characters. */
    public void put(String text, V value) {
        if (text.length() <= LONGEST) {
            int h = text.hashCode();
            int slot = slot(h);
            hashes[slot] = h;
            texts[slot] = text;
            values[slot] = value;
        }
    }

    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
