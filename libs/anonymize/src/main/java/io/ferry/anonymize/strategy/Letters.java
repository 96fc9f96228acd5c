package io.ferry.anonymize.strategy;

import java.text.Normalizer;
import java.util.Locale;

/** Letter case and ASCII folding for generated values. */
final class Letters {

    private Letters() {
    }

    /** How a source value writes its letters. */
    enum Case {
        UPPER, LOWER, MIXED;

        /** A generated value written the same way: all upper-case, all lower-case, or as generated. */
        String apply(String generated) {
            return switch (this) {
                case UPPER -> generated.toUpperCase(Locale.ROOT);
                case LOWER -> generated.toLowerCase(Locale.ROOT);
                case MIXED -> generated;
            };
        }
    }

    /** UPPER when the value has letters and none is lower-case, LOWER when none is upper-case, else MIXED. */
    static Case caseOf(String value) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        if (upper == lower) {
            return Case.MIXED;
        }
        return upper ? Case.UPPER : Case.LOWER;
    }

    /** Lower-case ASCII letters only: accents dropped ({@code Zoë} → {@code zoe}), other characters removed. */
    static String asciiLetters(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = Character.toLowerCase(folded.charAt(i));
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the text is non-empty and all letters. */
    static boolean isWord(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isLetter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
