package io.ferry.anonymize.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patterns of free-text scrubbing and their validity rules. Pure; the matched values never leave the
 * scrubber.
 */
final class Patterns {

    private Patterns() {
    }

    /** Letters, digits and the characters that glue a word to them: nothing of a token may touch a match. */
    private static final String WORDCHAR = "\\p{L}\\p{M}\\p{N}_";

    /**
     * An email address: a local part of letters, digits and {@code . _ % + ' -} (not starting with a dot or an
     * apostrophe) and a domain of dot-separated labels ending in a top-level domain of two or more letters.
     * Every repetition is bounded (a local part of at most 255 characters, labels of at most 63, at most 12
     * labels): Java's regular expressions recurse once per repetition of a group, and an unbounded part would
     * make a long run of address characters quadratic.
     */
    static final Pattern EMAIL = Pattern.compile(
            "(?<![" + WORDCHAR + ".%+-])"
            + "[\\p{L}\\p{N}_%+-][\\p{L}\\p{N}._%+'-]{0,254}"
            + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?"
            + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?){0,10}\\.\\p{L}{2,63}"
            + "(?![" + WORDCHAR + "-]|\\.[\\p{L}\\p{N}])");

    // The digit patterns open with a lookahead on their first character: the lookbehinds' Unicode classes are
    // then tried only where a number can start, not at every character of a text.

    /**
     * A North American number with its parts marked: an optional country code {@code 1} or {@code +1}, the
     * area code in parentheses or followed by a separator, the exchange, an optional separator, the line.
     * {@code (458) 319-7026}, {@code 458-319-7026}, {@code 458.319.7026}, {@code 458 319 7026},
     * {@code +1 458 319 7026}, {@code 1-458-319-7026}, {@code +1 (458) 319-7026}, {@code +14583197026}.
     * The area and exchange must start with 2-9 ({@link #validNanp}).
     */
    static final Pattern NANP = Pattern.compile(
            "(?=[+(0-9])(?<![" + WORDCHAR + "+-])(?<!\\d\\.)"
            + "(?:(?:\\+1|1)[ .-]?)?"
            + "(?:\\((\\d{3})\\)[ ]?|(\\d{3})[ .-])"
            + "(\\d{3})[ .-]?(\\d{4})"
            + "(?![" + WORDCHAR + "]|[.-]\\d)");

    /** {@code +1} and ten digits without separators: unambiguous thanks to the plus. */
    static final Pattern NANP_E164 = Pattern.compile(
            "(?<![" + WORDCHAR + "+.-])\\+1(\\d{3})(\\d{3})(\\d{4})(?![" + WORDCHAR + "]|[.-]\\d)");

    /**
     * An international number: {@code +}, a country code not starting with 1, then groups of digits separated
     * by a space, dot or hyphen, a group possibly in parentheses: {@code +44 20 7946 0958}, {@code +33 1 23 45 67 89},
     * {@code +49 (30) 1234567}. 8 to 15 digits in all (E.164); see {@link #trimInternational}. Possessive, so
     * that a long run of digits cannot make the groups backtrack.
     */
    static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![" + WORDCHAR + "+.-])\\+[2-9]\\d{0,2}+(?:[ .-]?+(?:\\(\\d{1,5}+\\)|\\d{1,5}+)){1,7}+"
            + "(?![" + WORDCHAR + "]|[.-]\\d)");

    /** Ten digits (or eleven starting with 1) with nothing around them: a phone only in a phone context. */
    static final Pattern BARE_PHONE = Pattern.compile(
            "(?=[0-9])(?<![" + WORDCHAR + "+.-])(1?)([2-9]\\d{2})([2-9]\\d{2})(\\d{4})(?![" + WORDCHAR + "]|[.-]\\d)");

    /** A seven-digit local number {@code 319-7026} or {@code 319.7026}: a phone only in a phone context. */
    static final Pattern LOCAL_PHONE = Pattern.compile(
            "(?=[2-9])(?<![" + WORDCHAR + "+.-])([2-9]\\d{2})[.-](\\d{4})(?![" + WORDCHAR + "]|[.-]\\d)");

    /** {@code ddd-dd-dddd} or {@code ddd dd dddd} (the same separator twice); validity in {@link #validSsn}. */
    static final Pattern SSN = Pattern.compile(
            "(?=[0-9])(?<![" + WORDCHAR + "-])(?<!\\d\\.)(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![" + WORDCHAR + "]|[.-]\\d)");

    /** Nine digits with nothing around them: an SSN only in an SSN context. */
    static final Pattern BARE_SSN = Pattern.compile(
            "(?=[0-9])(?<![" + WORDCHAR + "+.-])(\\d{3})(\\d{2})(\\d{4})(?![" + WORDCHAR + "]|[.-]\\d)");

    /** Words before a number that make it a phone number. */
    private static final Pattern PHONE_CONTEXT = Pattern.compile(
            "(?<![\\p{L}])(?:phone|phones|ph|tel|telephone|cell|cellphone|mobile|fax|call|called|calling|callback|"
            + "text|texted|txt|sms|voicemail|vm|reach|reached|contact|dial|dialed|whatsapp)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Words right after a number that make it a phone number: {@code 4583197026 (cell)}. */
    private static final Pattern PHONE_CONTEXT_AFTER = Pattern.compile(
            "^[\\s(\\[:,-]{0,3}(?:cell|mobile|home|work|phone|tel|fax)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Words before a number that make it an SSN. */
    private static final Pattern SSN_CONTEXT = Pattern.compile(
            "(?<![\\p{L}])(?:ssn|ssns|social security|social sec|soc sec|ss#|ss no|ss number|social)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** How far before a bare number a context word is looked for. */
    static final int CONTEXT_BEFORE = 40;
    private static final int CONTEXT_AFTER = 12;

    /** Area code and exchange start with 2-9 (the NANP rule), and the area code is not an N11 service code. */
    static boolean validNanp(String area, String exchange) {
        return area.charAt(0) >= '2' && exchange.charAt(0) >= '2' && !(area.charAt(1) == '1' && area.charAt(2) == '1');
    }

    /**
     * A possible SSN: the area is not 000, 666 or 900-999, the group not 00, the serial not 0000 (numbers the
     * Social Security Administration never issues). Anything else of that shape is not an SSN.
     */
    static boolean validSsn(String area, String group, String serial) {
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !group.equals("00")
                && !serial.equals("0000");
    }

    static boolean phoneContext(CharSequence text, int start, int end) {
        return before(text, start, PHONE_CONTEXT) || PHONE_CONTEXT_AFTER.matcher(
                text.subSequence(end, Math.min(text.length(), end + CONTEXT_AFTER))).find();
    }

    static boolean ssnContext(CharSequence text, int start) {
        return before(text, start, SSN_CONTEXT);
    }

    private static boolean before(CharSequence text, int start, Pattern words) {
        int from = Math.max(0, start - CONTEXT_BEFORE);
        // the context ends at a line break: a word on the previous line says nothing about this number
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                from = i + 1;
                break;
            }
        }
        return words.matcher(text.subSequence(from, start)).find();
    }

    /**
     * The end of an international number: while it has more than 12 digits, a last group separated by a space
     * is dropped as long as 11 digits remain ({@code +44 20 7946 0958 12 pupils} ends before {@code 12}).
     * Returns the new end, or -1 when the number has fewer than 8 or more than 15 digits.
     */
    static int trimInternational(CharSequence text, int start, int end) {
        int digits = digits(text, start, end);
        while (digits > 12) {
            int lastSpace = -1;
            for (int i = end - 1; i > start; i--) {
                if (text.charAt(i) == ' ') {
                    lastSpace = i;
                    break;
                }
            }
            if (lastSpace < 0) {
                break;
            }
            int rest = digits(text, start, lastSpace);
            if (rest < 11) {
                break;
            }
            end = lastSpace;
            digits = rest;
        }
        return digits >= 8 && digits <= 15 ? end : -1;
    }

    static int digits(CharSequence text, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** The NANP area code of a match of {@link #NANP}: parenthesised or not. */
    static String area(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
