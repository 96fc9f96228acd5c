package io.ferry.anonymize.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Matcher#find} for the number patterns of {@link Patterns} (phones and SSNs), trying only the positions
 * where one of them can start. Each opens with a digit, {@code +} or {@code (} that no letter, digit, {@code _} or
 * {@code -} precedes (their lookbehinds), so trying those positions finds exactly what {@code find} finds. It
 * matters for identifiers: {@code find} tries each of a uuid's twenty-odd digits, with a Unicode class per
 * lookbehind, in each of seven patterns; here a uuid has at most one position to try, its first character. In
 * the sample estate's events (a session uuid in every payload) the number patterns were a fifth of the time.
 */
final class NumberStarts {

    private NumberStarts() {
    }

    /** A matcher for {@link #find}: its lookbehinds see the text before the position tried. */
    static Matcher matcher(Pattern pattern, CharSequence text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * What {@code m.find()} would give after a match ending at {@code from} (or from the start with 0): the next
     * match starting at or after {@code from}, with {@code m} holding it.
     *
     * @param m a matcher from {@link #matcher} over {@code text}, of one of the number patterns
     */
    static boolean find(Matcher m, CharSequence text, int from) {
        int length = text.length();
        for (int i = from; i < length; i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9' || c == '+' || c == '(') && (i == 0 || !blocks(text.charAt(i - 1)))) {
                m.region(i, length);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A character that every number pattern's lookbehind refuses before a match. Only ASCII is decided here:
     * any other character is left to the pattern's own lookbehind (its Unicode classes see whole code points).
     */
    private static boolean blocks(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
