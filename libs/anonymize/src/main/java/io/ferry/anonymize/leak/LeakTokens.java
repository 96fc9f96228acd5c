package io.ferry.anonymize.leak;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
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

    /**
     * Receives each token as its UTF-8 bytes, in a buffer the encoder writes the next token into: hash it, do not
     * keep it.
     */
    @FunctionalInterface
    public interface Bytes {
        void accept(byte[] utf8, int length);
    }

    /** Every normalized form of a whole value. */
    public static void forms(String value, Consumer<String> sink) {
        forms(value, ALL, sink);
    }

    /** The normalized forms of a whole value, of the given kinds only. */
    public static void forms(String value, Set<Form> kinds, Consumer<String> sink) {
        new Encoder().forms(value, kinds, strings(sink));
    }

    private static Bytes strings(Consumer<String> sink) {
        return (utf8, length) -> sink.accept(new String(utf8, 0, length, StandardCharsets.UTF_8));
    }

    /** The {@link Form#TEXT} form of a value with a character outside ASCII: NFC, trimmed, collapsed, lower case. */
    private static String textForm(String value) {
        return "t:" + collapseSpaces(Normalizer.normalize(value, Normalizer.Form.NFC).strip()).toLowerCase(Locale.ROOT);
    }

    /** The {@link Form#ALNUM} form of a value with a character outside ASCII, by {@link Character}'s letters and cases. */
    private static String alnumForm(String value) {
        StringBuilder alnum = new StringBuilder(value.length() + 2).append("a:");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                alnum.append(Character.toUpperCase(c));
            }
        }
        return alnum.toString();
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

    /**
     * The candidate tokens of an output value: the whole value, every white-space separated word with
     * surrounding punctuation and quotes taken off, and every phone-like run of digits
     * ({@code (458) 319-7026}, {@code +1 458 319 7026}).
     */
    public static void candidates(String value, Consumer<String> sink) {
        new Encoder().candidates(value, strings(sink));
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

    /**
     * Writes a value's tokens as UTF-8 bytes into one buffer it reuses, so that the leak check, which hashes every
     * token of a run, makes no string per token (building, lower-casing and encoding them was half its time). ASCII
     * values, nearly all, are normalized as they are copied; the text and letter forms of a value or word with any
     * other character are made as strings ({@link #textForm}, {@link #alnumForm}). Not thread-safe: one per thread.
     */
    public static final class Encoder {

        private byte[] buffer = new byte[64];
        private int length;
        private byte[] digits = new byte[16];

        /** {@link LeakTokens#forms(String, Set, Consumer)}, as bytes. */
        public void forms(String value, Set<Form> kinds, Bytes sink) {
            forms(value, 0, value.length(), kinds, sink);
        }

        /** {@link LeakTokens#candidates(String, Consumer)}, as bytes. */
        public void candidates(String value, Bytes sink) {
            int n = value.length();
            forms(value, 0, n, ALL, sink);
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
                    forms(value, s, e, ALL, sink);
                }
            }
            digitRuns(value, sink);
        }

        /** The forms of {@code value[from, to)}. */
        private void forms(String value, int from, int to, Set<Form> kinds, Bytes sink) {
            int letters = 0;
            int digitCount = 0;
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                char c = value.charAt(i);
                if (c >= '0' && c <= '9') {
                    digitCount++;
                } else if (c < 0x80 ? isAsciiLetter(c) : Character.isLetter(c)) {
                    letters++;
                }
                ascii &= c < 0x80;
            }
            if (letters + digitCount < MIN_ALNUM) {
                return;
            }
            if (kinds.contains(Form.TEXT) && !ascii) {
                emit(textForm(value.substring(from, to)), sink);
            } else if (kinds.contains(Form.TEXT)) {
                // String.strip's white space at the ends; inside, runs of \s as one space; lower case
                int s = from;
                int e = to;
                while (s < e && isAsciiWhitespace(value.charAt(s))) {
                    s++;
                }
                while (e > s && isAsciiWhitespace(value.charAt(e - 1))) {
                    e--;
                }
                start('t', e - s);
                boolean space = false;
                for (int i = s; i < e; i++) {
                    char c = value.charAt(i);
                    if (isAsciiSpace(c)) {
                        if (!space) {
                            put(' ');
                        }
                        space = true;
                    } else {
                        put(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                        space = false;
                    }
                }
                sink.accept(buffer, length);
            }
            if (digitCount == 0) {
                return;
            }
            if (kinds.contains(Form.ALNUM) && !ascii) {
                emit(alnumForm(value.substring(from, to)), sink);
            } else if (kinds.contains(Form.ALNUM)) {
                start('a', letters + digitCount);
                for (int i = from; i < to; i++) {
                    char c = value.charAt(i);
                    if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                        put(c);
                    } else if (c >= 'a' && c <= 'z') {
                        put((char) (c - ('a' - 'A')));
                    }
                }
                sink.accept(buffer, length);
            }
            if (kinds.contains(Form.DIGITS) && letters == 0 && digitCount >= 7 && digitCount <= 15) {
                int n = 0;
                for (int i = from; i < to; i++) {
                    char c = value.charAt(i);
                    if (c >= '0' && c <= '9') {
                        digits[n++] = (byte) c;
                    }
                }
                phoneForms(n, sink);
            }
        }

        /**
         * Digits joined by at most two of {@code ( ) - . space +} in a row: phone numbers however written. A run
         * that continues a word ({@code F-0032256563}, {@code A12-3456789}) is part of an identifier, not a
         * phone, and is left to the word's own forms.
         */
        private void digitRuns(String value, Bytes sink) {
            int n = 0;
            int gap = 0;
            boolean partOfWord = false;
            for (int i = 0; i <= value.length(); i++) {
                char c = i < value.length() ? value.charAt(i) : '\n';
                if (c >= '0' && c <= '9') {
                    if (n == 0) {
                        partOfWord = continuesWord(value, i);
                    }
                    if (n == digits.length) {
                        digits = Arrays.copyOf(digits, n * 2);
                    }
                    digits[n++] = (byte) c;
                    gap = 0;
                } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+') && gap < 2 && n > 0) {
                    gap++;
                } else {
                    if (n >= 7 && !partOfWord && !Character.isLetter(c)) {
                        phoneForms(n, sink);
                    }
                    n = 0;
                    gap = 0;
                }
            }
        }

        /** The first {@code n} of {@link #digits} as a phone: as they are, and with or without the country code 1. */
        private void phoneForms(int n, Bytes sink) {
            if (n < 7 || n > 15) {
                return;
            }
            start('d', n + 1);
            for (int i = 0; i < n; i++) {
                put((char) digits[i]);
            }
            sink.accept(buffer, length);
            if (n == 10) {
                start('d', n + 1);
                put('1');
                for (int i = 0; i < n; i++) {
                    put((char) digits[i]);
                }
                sink.accept(buffer, length);
            } else if (n == 11 && digits[0] == '1') {
                start('d', n);
                for (int i = 1; i < n; i++) {
                    put((char) digits[i]);
                }
                sink.accept(buffer, length);
            }
        }

        /** Starts a token {@code k:} with room for {@code room} more ASCII characters. */
        private void start(char kind, int room) {
            if (buffer.length < room + 2) {
                buffer = new byte[Math.max(room + 2, buffer.length * 2)];
            }
            buffer[0] = (byte) kind;
            buffer[1] = ':';
            length = 2;
        }

        private void put(char ascii) {
            buffer[length++] = (byte) ascii;
        }

        private static void emit(String token, Bytes sink) {
            byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
            sink.accept(utf8, utf8.length);
        }
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** {@link Character#isWhitespace} below 128, what {@link String#strip} takes off. */
    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F';
    }
}
