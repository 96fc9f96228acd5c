package io.ferry.anonymizer.leak;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How values become lookup tokens, the same way on both sides of the leak check: a source identifier
 * is normalized as a whole ({@link #forms}); an output value is cut into candidate tokens
 * ({@link #candidates}) and each normalized the same way, so {@code Thea.V@Mail.com} in an email
 * column finds {@code thea.v@mail.com} inside a comment, and {@code (458) 319-7026} finds
 * {@code 458.319.7026} and {@code +1 458 319 7026}.
 * <p>
 * Forms of one value: its text (NFC, trimmed, inner white space collapsed, lower case); when it holds a
 * digit, its letters and digits alone in upper case (identifiers written with or without separators);
 * when it holds 7 to 15 digits, the digits alone, and for ten digits also with the North American
 * country code {@code 1} (phones in any format). Forms shorter than {@value #MIN_LENGTH} characters
 * are left out: they identify nobody and would match everywhere.
 */
public final class LeakTokens {

    static final int MIN_LENGTH = 4;

    private LeakTokens() {
    }

    /** The normalized forms of a whole value. */
    public static void forms(String value, Consumer<String> sink) {
        String text = Normalizer.normalize(value, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        if (text.length() >= MIN_LENGTH) {
            sink.accept("t:" + text);
        }
        StringBuilder alnum = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                alnum.append(Character.toUpperCase(c));
            }
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (digits.isEmpty()) {
            return;
        }
        if (alnum.length() >= MIN_LENGTH) {
            sink.accept("a:" + alnum);
        }
        phoneForms(digits, sink);
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
     * surrounding punctuation and quotes taken off, and every run of digits joined by single separators
     * ({@code (458) 319-7026}, {@code +1 458 319 7026}) as a phone.
     */
    public static void candidates(String value, Consumer<String> sink) {
        forms(value, sink);
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBreak(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBreak(value.charAt(i))) {
                i++;
            }
            int s = start;
            int e = i;
            while (s < e && isEdge(value.charAt(s))) {
                s++;
            }
            while (e > s && isEdge(value.charAt(e - 1))) {
                e--;
            }
            if (e - s >= MIN_LENGTH && (s != 0 || e != n)) {
                forms(value.substring(s, e), sink);
            }
        }
        digitRuns(value, sink);
    }

    /** Digits joined by at most two separators of {@code ( ) - . space +}: phone numbers however written. */
    private static void digitRuns(String value, Consumer<String> sink) {
        StringBuilder digits = new StringBuilder();
        int gap = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '\n';
            if (c >= '0' && c <= '9') {
                digits.append(c);
                gap = 0;
            } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+') && gap < 2
                    && !digits.isEmpty()) {
                gap++;
            } else {
                if (digits.length() >= 7) {
                    phoneForms(digits, sink);
                }
                digits.setLength(0);
                gap = 0;
            }
        }
    }

    private static boolean isBreak(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ';' || c == '|';
    }

    private static boolean isEdge(char c) {
        return !Character.isLetterOrDigit(c);
    }
}
