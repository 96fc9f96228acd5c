package io.ferry.anonymize.leak;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How values become lookup tokens, the same way on both sides of the leak check: a source identifier
 * is normalized as a whole ({@link #forms}); an output value is cut into candidate tokens
 * ({@link #candidates}) and each normalized the same way, so {@code Thea.V@Mail.com} in an email
 * column finds {@code thea.v@mail.com} inside a comment, and {@code (458) 319-7026} finds
 * {@code 458.319.7026} and {@code +1 458 319 7026}.
 * <p>
 * Forms of one value: {@link Form#TEXT} (NFC, trimmed, inner white space collapsed, lower case); when it
 * holds a digit, {@link Form#ALNUM}, its letters and digits alone in upper case (identifiers written with
 * or without separators); when it holds 7 to 15 digits and no letter, {@link Form#DIGITS}, the digits alone,
 * and for ten digits also with the North American country code {@code 1} (phones in any format; the digits of
 * an identifier such as {@code F-5413197026} are no phone). Only values with
 * {@value #MIN_ALNUM} or more letters and digits have forms: shorter ones identify nobody and would match
 * everywhere, and skipping them on both sides keeps the output side cheap (most words are short). An
 * output value gives every form; a source value only those that suit its type
 * ({@link #forms(String, Set, Consumer)}), so that {@code 19.20.2.123} is never looked for as the digits
 * {@code 19202123}, which a fake {@code 192.0.2.123} also has.
 */
public final class LeakTokens {

    /** Fewest letters and digits a value needs to be looked for. */
    public static final int MIN_ALNUM = 7;


    private LeakTokens() {
    }

    /** The kinds of normalized form. */
    public enum Form {
        TEXT, ALNUM, DIGITS
    }

    private static final Set<Form> ALL = EnumSet.allOf(Form.class);

    /** Every normalized form of a whole value. */
    public static void forms(String value, Consumer<String> sink) {
        forms(value, ALL, sink);
    }

    /** The normalized forms of a whole value, of the given kinds only. */
    public static void forms(String value, Set<Form> kinds, Consumer<String> sink) {
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
            sink.accept("t:" + collapseSpaces(nfc.strip()).toLowerCase(Locale.ROOT));
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

    /** Each run of ASCII white space ({@code \\s}) as one space; the text itself when it has none to change. */
    static String collapseSpaces(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !changesAt(text, i)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        boolean space = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (isAsciiSpace(c)) {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /** Whether collapsing changes the text at {@code i}: white space other than a space, or a space another follows. */
    private static boolean changesAt(String text, int i) {
        char c = text.charAt(i);
        return isAsciiSpace(c) && (c != ' ' || (i + 1 < text.length() && isAsciiSpace(text.charAt(i + 1))));
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
    public static void candidates(String value, Consumer<String> sink) {
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
