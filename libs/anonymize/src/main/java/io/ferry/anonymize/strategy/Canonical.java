package io.ferry.anonymize.strategy;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Canonical forms: two spellings of one value that mean the same (surrounding spaces, case where case does not
 * matter, separators in a phone number or an identifier) have one canonical form, and every keyed strategy works on
 * it. So {@code "  Thea "} and {@code "THEA"} get the same fake first name, and {@code "(458) 319-7026"} and
 * {@code "+1 458 319 7026"} the same fake phone.
 */
public final class Canonical {

    /** How a data type's values are compared. */
    public enum Form {
        /** Unicode NFC, trimmed, every run of inner whitespace one space; case kept. */
        TEXT,
        /** {@link #TEXT}, lower-case: names, streets, cities (case does not make another person). */
        CASELESS,
        /** {@link #TEXT}, lower-case, the whole address: {@code Thea@Example.COM} is {@code thea@example.com}. */
        EMAIL,
        /** {@link #TEXT}, lower-case; separators kept ({@code t.smith} and {@code tsmith} are two accounts). */
        USERNAME,
        /** E.164 digits without {@code +}: every non-digit dropped, a 10-digit number gets the NANP country code 1. */
        PHONE,
        /** ISO {@code yyyy-MM-dd} of a value that starts with an ISO date (a date, timestamp or timestamptz text). */
        DATE,
        /** NFC, upper-case, letters and digits only: {@code ab-12 34} is {@code AB1234}. */
        IDENTIFIER,
        /** Hexadecimal digits only, lower-case: a UUID without its dashes. */
        HEX,
        /** Digits only. */
        DIGITS,
        /** An IP address: trimmed, lower-case, without a host mask ({@code /32}, {@code /128}). */
        IP
    }

    private Canonical() {
    }

    /** The canonical form of a value; null stays null. */
    public static String of(Form form, String value) {
        if (value == null) {
            return null;
        }
        return switch (form) {
            case TEXT -> text(value);
            case CASELESS, EMAIL, USERNAME -> text(value).toLowerCase(Locale.ROOT);
            case PHONE -> phone(value);
            case DATE -> date(value);
            case IDENTIFIER -> identifier(value);
            case HEX -> hex(value);
            case DIGITS -> digits(value);
            case IP -> ip(value);
        };
    }

    /**
     * Whether two values have one canonical form ({@code of(form, a).equals(of(form, b))}), without making either
     * form when their first characters already tell them apart. The anonymizer asks this of every value it
     * transforms (a transformed value must differ from its source), and a fake value nearly always starts otherwise:
     * making both forms was 6 % of its transform threads. Hex digits, digits and phones are compared as they are
     * read (making both forms was 6 % of a people table's CPU).
     */
    public static boolean same(Form form, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (form) {
            case HEX -> sameKept(true, a, b);
            case DIGITS -> sameKept(false, a, b);
            case PHONE -> samePhone(a, b);
            default -> !startsApart(form, a, b) && of(form, a).equals(of(form, b));
        };
    }

    /** {@link #hex} or {@link #digits} of both equal, compared as the characters are read, without making either. */
    private static boolean sameKept(boolean hex, String a, String b) {
        int i = nextKept(hex, a, 0);
        int j = nextKept(hex, b, 0);
        while (i < a.length() && j < b.length()) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(j))) {
                return false;
            }
            i = nextKept(hex, a, i + 1);
            j = nextKept(hex, b, j + 1);
        }
        return i == a.length() && j == b.length();
    }

    /** The index of the first hex digit (or ASCII digit) at or after {@code from}, or the length. */
    private static int nextKept(boolean hex, String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return i;
            }
        }
        return s.length();
    }

    /** {@link #phone} of both equal: their digits, a ten-digit one behind a {@code 1}. */
    private static boolean samePhone(String a, String b) {
        int da = digitCount(a);
        int db = digitCount(b);
        if ((da == 10 ? 11 : da) != (db == 10 ? 11 : db)) {
            return false;
        }
        boolean oneA = da == 10;
        boolean oneB = db == 10;
        int i = nextKept(false, a, 0);
        int j = nextKept(false, b, 0);
        for (int k = da == 10 ? 11 : da; k > 0; k--) {
            char x = oneA ? '1' : a.charAt(i);
            char y = oneB ? '1' : b.charAt(j);
            if (x != y) {
                return false;
            }
            if (oneA) {
                oneA = false;
            } else {
                i = nextKept(false, a, i + 1);
            }
            if (oneB) {
                oneB = false;
            } else {
                j = nextKept(false, b, j + 1);
            }
        }
        return true;
    }

    /** How many ASCII digits the text has. */
    public static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /**
     * For the forms whose canonical text starts with the value's first non-space character (lower-cased where case
     * does not count): whether those characters differ. Only ASCII characters followed by ASCII or nothing, which
     * NFC leaves as they are (a combining mark after one would compose with it).
     */
    private static boolean startsApart(Form form, String a, String b) {
        boolean caseless;
        switch (form) {
            case TEXT -> caseless = false;
            case CASELESS, EMAIL, USERNAME -> caseless = true;
            default -> {
                return false;
            }
        }
        int i = firstNonSpace(a);
        int j = firstNonSpace(b);
        if (i < 0 || j < 0 || !plainAscii(a, i) || !plainAscii(b, j)) {
            return false;
        }
        char x = a.charAt(i);
        char y = b.charAt(j);
        if (caseless) {
            x = asciiLower(x);
            y = asciiLower(y);
        }
        return x != y;
    }

    private static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean plainAscii(String s, int i) {
        return s.charAt(i) < 0x80 && (i + 1 == s.length() || s.charAt(i + 1) < 0x80);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Unicode NFC, trimmed, every run of inner whitespace (also no-break spaces) replaced by one space. */
    public static String text(String value) {
        String nfc = nfc(value);
        if (tidy(nfc)) {
            return nfc;
        }
        StringBuilder out = new StringBuilder(nfc.length());
        boolean space = false;
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            if (isSpace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** No leading or trailing space, no space but single {@code ' '} between words. */
    private static boolean tidy(String s) {
        boolean previousSpace = true; // a leading space is not tidy
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (previousSpace) {
                    return false;
                }
                previousSpace = true;
            } else if (isSpace(c)) {
                return false;
            } else {
                previousSpace = false;
            }
        }
        return !previousSpace || s.isEmpty();
    }

    /** E.164 digits without the {@code +}: non-digits dropped; ten digits get the NANP country code {@code 1}. */
    public static String phone(String value) {
        String digits = digits(value);
        return digits.length() == 10 ? "1" + digits : digits;
    }

    /** The leading ISO date ({@code yyyy-MM-dd}) of a date or timestamp text; any other value in {@link #text} form. */
    public static String date(String value) {
        String t = value.strip();
        return Dates.startsWithIsoDate(t) ? t.substring(0, 10) : text(value);
    }

    /** NFC, upper-case, letters and digits only. */
    public static String identifier(String value) {
        String nfc = nfc(value);
        StringBuilder out = new StringBuilder(nfc.length());
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Hexadecimal digits only, lower-case. */
    public static String hex(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                out.append(c);
            } else if (c >= 'A' && c <= 'F') {
                out.append((char) (c + ('a' - 'A')));
            }
        }
        return out.toString();
    }

    /** ASCII digits only, in order. */
    public static String digits(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Trimmed, lower-case, without a host mask. */
    public static String ip(String value) {
        String t = value.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("/32") && t.indexOf(':') < 0 || t.endsWith("/128")) {
            t = t.substring(0, t.lastIndexOf('/'));
        }
        return t;
    }

    /** Whitespace, also the no-break spaces ({@code U+00A0}, {@code U+2007}, {@code U+202F}). */
    static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x1F;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static String nfc(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value
                        : Normalizer.normalize(value, Normalizer.Form.NFC);
            }
        }
        return value; // ASCII is always NFC
    }
}
