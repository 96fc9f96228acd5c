package io.ferry.anonymize.text;

/**
 * A small direct-mapped cache of one thread's recent texts and what the scrubber planned for them. JSON leaves and
 * short texts repeat (roles, user agents, statuses): planning one again costs its regular expressions and a
 * dictionary HMAC per word, a hit costs a hash and an equals. Not thread-safe: one per thread.
 */
final class RecentPlans<P> {

    /** Texts longer than this are rarely repeated and are not kept. */
    static final int LONGEST = 256;
    private static final int SLOTS = 4096;

    private final String[] texts = new String[SLOTS];
    private final Object[] plans = new Object[SLOTS];

    /** The plan kept for exactly this text, or null. */
    @SuppressWarnings("unchecked")
    P get(String text) {
        int slot = slot(text);
        return text.equals(texts[slot]) ? (P) plans[slot] : null;
    }

    void put(String text, P plan) {
        if (text.length() <= LONGEST) {
            int slot = slot(text);
            texts[slot] = text;
            plans[slot] = plan;
        }
    }

    private static int slot(String text) {
        int h = text.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
