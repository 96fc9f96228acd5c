package io.ferry.anonymize.leak;

import io.ferry.anonymize.leak.LeakTokens.Form;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The oracle of {@code LeakTokensTest}: how {@link LeakTokens} made a value's tokens before its {@link
 * LeakTokens.Encoder} (commit c4c4041), building a string per token. Kept as it was, so that the encoder's tokens
 * can be compared with it on many values. White space is collapsed by {@link LeakTokens#collapseSpaces}, which its
 * own test compares with the regular expression.
 */
final class StringLeakTokens {

    private static final int MIN_ALNUM = LeakTokens.MIN_ALNUM;
    private static final Set<Form> ALL = EnumSet.allOf(Form.class);

    private StringLeakTokens() {
    }

    /** Every normalized form of a whole value. */
    static void forms(String value, Consumer<String> sink) {
        forms(value, ALL, sink);
    }

    /** The normalized forms of a whole value, of the given kinds only. */
    static void forms(String value, Set<Form> kinds, Consumer<String> sink) {
        int letters = 0;
        int digits = 0;
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
            plain &= c < 0x80;
        }
        if (letters + digits < MIN_ALNUM) {
            return;
        }
        if (kinds.contains(Form.TEXT)) {
            String nfc = plain ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
            sink.accept("t:" + LeakTokens.collapseSpaces(nfc.strip()).toLowerCase(Locale.ROOT));
        }
        if (digits == 0) {
            return;
        }
        if (kinds.contains(Form.ALNUM)) {
            StringBuilder alnum = new StringBuilder(letters + digits + 2).append("a:");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    alnum.append(Character.toUpperCase(c));
                }
            }
            sink.accept(alnum.toString());
        }
        if (kinds.contains(Form.DIGITS) && letters == 0 && digits >= 7 && digits <= 15) {
            StringBuilder only = new StringBuilder(digits);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= '0' && c <= '9') {
                    only.append(c);
                }
            }
            phoneForms(only, sink);
        }
    }

    private static void phoneForms(CharSequence digits, Consumer<String> sink) {
        int n = digits.length();
        if (n < 7 || n > 15) {
            return;
        }
        sink.accept("d:" + digits);
        if (n == 10) {
            sink.accept("d:1" + digits);
        } else if (n == 11 && digits.charAt(0) == '1') {
            sink.accept("d:" + digits.subSequence(1, n));
        }
    }

    /**
     * The candidate tokens of an output value: the whole value, every white-space separated word with
     * surrounding punctuation and quotes taken off, and every phone-like run of digits
     * ({@code (458) 319-7026}, {@code +1 458 319 7026}).
     */
    static void candidates(String value, Consumer<String> sink) {
        forms(value, sink);
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBreak(value.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && !isBreak(value.charAt(i))) {
                i++;
            }
            int e = i;
            while (s < e && !Character.isLetterOrDigit(value.charAt(s))) {
                s++;
            }
            while (e > s && !Character.isLetterOrDigit(value.charAt(e - 1))) {
                e--;
            }
            if (e - s >= MIN_ALNUM && (s != 0 || e != n)) {
                forms(value.substring(s, e), sink);
            }
        }
        digitRuns(value, sink);
    }

    /**
     * Digits joined by at most two of {@code ( ) - . space +} in a row: phone numbers however written. A run
     * that continues a word ({@code F-0032256563}, {@code A12-3456789}) is part of an identifier, not a
     * phone, and is left to the word's own forms.
     */
    private static void digitRuns(String value, Consumer<String> sink) {
        StringBuilder digits = new StringBuilder();
        int gap = 0;
        boolean partOfWord = false;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '\n';
            if (c >= '0' && c <= '9') {
                if (digits.isEmpty()) {
                    partOfWord = continuesWord(value, i);
                }
                digits.append(c);
                gap = 0;
            } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+') && gap < 2
                    && !digits.isEmpty()) {
                gap++;
            } else {
                if (digits.length() >= 7 && !partOfWord && !Character.isLetter(c)) {
                    phoneForms(digits, sink);
                }
                digits.setLength(0);
                gap = 0;
            }
        }
    }

    /** Whether the digit at {@code i} follows a letter, directly or across one {@code -}, {@code _} or {@code .}. */
    private static boolean continuesWord(String value, int i) {
        int j = i - 1;
        if (j >= 0 && (value.charAt(j) == '-' || value.charAt(j) == '_' || value.charAt(j) == '.')) {
            j--;
        }
        return j >= 0 && Character.isLetter(value.charAt(j));
    }

    private static boolean isBreak(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ';' || c == '|';
    }
}
