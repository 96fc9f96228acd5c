package io.ferry.anonymize.strategy;

/**
 * "A transforming strategy never returns its input": draw 0 first; when its canonical form equals the input's,
 * draw again with the next counter (the counter is part of the HMAC input, so the redraw is deterministic too).
 */
final class Draws {

    /** More would mean the generator cannot produce anything else: a bug, reported without the value. */
    static final int MAX_DRAWS = 64;

    @FunctionalInterface
    interface Draw {
        String draw(int counter);
    }

    private Draws() {
    }

    /** The first draw whose canonical form differs from {@code canonicalInput}. */
    static String differing(FieldRule rule, String canonicalInput, Draw draw) {
        for (int counter = 0; counter < MAX_DRAWS; counter++) {
            String out = draw.draw(counter);
            if (!rule.type().canonical(out).equals(canonicalInput)) {
                return out;
            }
        }
        throw new AnonymizationException(rule, "every draw gave back the input");
    }
}
