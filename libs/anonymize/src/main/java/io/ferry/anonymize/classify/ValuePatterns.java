package io.ferry.anonymize.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sampled values look like: email addresses, phone numbers, valid US Social Security numbers,
 * person names and free text. Pure functions of one value; callers count matches and never keep or
 * report the values.
 */
final class ValuePatterns {

    private static final String EMAIL_BODY = "[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}";
    private static final Pattern EMAIL = Pattern.compile(EMAIL_BODY);
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9._%+'-])" + EMAIL_BODY);

    /** North American numbers with separators or parentheses: (212) 555-0142, 212-555-0142, +1 212.555.0142. */
    private static final String NANP = "(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}";
    private static final Pattern PHONE_NANP = Pattern.compile(NANP);
    private static final Pattern PHONE_IN_TEXT = Pattern.compile("(?<![\\d\\w])" + NANP + "(?!\\d)");
    /** International with a leading +: +44 20 7946 0958, +4420794609 58, E.164 +12125550142. */
    private static final Pattern PHONE_INTL = Pattern.compile("\\+\\d[\\d\\s.()-]{6,20}\\d");

    private static final Pattern SSN = Pattern.compile("(\\d{3})-(\\d{2})-(\\d{4})");
    private static final Pattern SSN_IN_TEXT = Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-])");

    /** One to three more capitalised words after the first: Mary Smith, Jean-Luc Picard, Siobhan O'Brien. */
    private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}[\\p{L}'\u2019.-]*");

    private ValuePatterns() {
    }

    static boolean isEmail(String v) {
        return EMAIL.matcher(v.strip()).matches();
    }

    static boolean isPhone(String v) {
        String s = v.strip();
        if (PHONE_NANP.matcher(s).matches()) {
            return true;
        }
        if (PHONE_INTL.matcher(s).matches()) {
            long digits = s.chars().filter(Character::isDigit).count();
            return digits >= 8 && digits <= 15;
        }
        return false;
    }

    /** {@code ddd-dd-dddd} with a possible area (not 000, 666 or 9xx), group (not 00) and serial (not 0000). */
    static boolean isSsn(String v) {
        Matcher m = SSN.matcher(v.strip());
        return m.matches() && validSsn(m);
    }

    private static boolean validSsn(Matcher m) {
        String area = m.group(1);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9' && !m.group(2).equals("00")
                && !m.group(3).equals("0000");
    }

    /** Two to four capitalised words of letters (no digits), not all upper case. */
    static boolean isPersonName(String v) {
        String s = v.strip();
        if (s.isEmpty() || s.chars().anyMatch(Character::isDigit) || s.chars().noneMatch(Character::isLowerCase)) {
            return false;
        }
        String[] words = s.split("\\s+");
        if (words.length < 2 || words.length > 4) {
            return false;
        }
        for (String w : words) {
            if (!NAME_WORD.matcher(w).matches()) {
                return false;
            }
        }
        return true;
    }

    static int words(String v) {
        String s = v.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    /** An email address, a phone number or a valid SSN somewhere inside a longer text. */
    static boolean containsContactOrId(String v) {
        if (EMAIL_IN_TEXT.matcher(v).find() || PHONE_IN_TEXT.matcher(v).find()) {
            return true;
        }
        Matcher m = SSN_IN_TEXT.matcher(v);
        while (m.find()) {
            if (validSsn(m)) {
                return true;
            }
        }
        return false;
    }
}
