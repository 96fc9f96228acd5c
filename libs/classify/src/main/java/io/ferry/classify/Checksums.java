package io.ferry.classify;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identifiers whose last digits check the others: payment card numbers (an issuer's prefix and the Luhn
 * check digit) and IBANs (ISO 13616, mod 97). A random string passes such a check rarely (one in ten for
 * Luhn, one in 97 for an IBAN), so a column whose values pass it holds those identifiers. Pure; callers
 * count matches and never keep or report the values.
 */
final class Checksums {

    /** 13 to 19 digits, in groups separated by single spaces or dashes. */
    private static final Pattern CARD = Pattern.compile("\\d+(?:[ -]\\d+)*");
    /** Country, check digits, 11 to 30 letters and digits of the account, in groups of four when spaced. */
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");

    private Checksums() {
    }

    /** A payment card number: an issuer's prefix and length, and a valid Luhn check digit. */
    static boolean isCardNumber(String value) {
        String s = value.strip();
        if (!CARD.matcher(s).matches()) {
            return false;
        }
        String digits = s.replace(" ", "").replace("-", "");
        int n = digits.length();
        if (n < 13 || n > 19 || digits.chars().distinct().count() == 1) {
            return false;
        }
        return issuer(digits) && luhn(digits);
    }

    /** Visa, Mastercard, American Express, Discover, JCB, Diners Club and UnionPay prefixes and lengths. */
    private static boolean issuer(String d) {
        int n = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int three = Integer.parseInt(d.substring(0, 3));
        int four = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return n == 16;
        }
        if (two == 34 || two == 37) {
            return n == 15;
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649) || two == 62 || (four >= 3528 && four <= 3589)) {
            return n >= 16;
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39) {
            return n >= 14;
        }
        return false;
    }

    /** The Luhn (mod 10) check over all digits, the last one being the check digit. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** An IBAN, printed with or without spaces: its letters and digits read as a number are 1 modulo 97. */
    static boolean isIban(String value) {
        String s = value.strip().replace(" ", "").toUpperCase(Locale.ROOT);
        if (!IBAN.matcher(s).matches()) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        StringBuilder number = new StringBuilder(moved.length() * 2);
        for (char c : moved.toCharArray()) {
            number.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
