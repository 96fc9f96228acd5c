package io.ferry.anonymize.strategy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The ranges generated values live in, which production does not use, so a fake value is never a real one and the
 * leak check can tell generated values apart. The email, phone and identifier ranges are the preflight's
 * ({@code io.ferry.extractor.preflight.ReservedRanges}: same domains, same phone expression, same prefix):
 * <ul>
 * <li>{@code person.email}: the domain {@value #EXAMPLE_DOMAIN} (RFC 2606) and any configured domain, subdomains
 *     included, compared lower-cased and trimmed;</li>
 * <li>{@code person.phone}: the NANP fictional lines {@code 555-0100} to {@code 555-0199} of any area code, as
 *     E.164 digits {@code 1NPA55501xx} ({@link #PHONE_REGEX}: non-digits ignored, the leading 1 optional);</li>
 * <li>{@code student.state_id}, {@code person.username}: the prefix ({@value #DEFAULT_ID_PREFIX} by default),
 *     compared upper-cased and trimmed;</li>
 * <li>{@code network.ip}: the documentation networks {@code 192.0.2.0/24}, {@code 198.51.100.0/24},
 *     {@code 203.0.113.0/24} (RFC 5737) and {@code 2001:db8::/32} (RFC 3849);</li>
 * <li>{@code person.ssn}: area number {@code 000}, never issued.</li>
 * </ul>
 *
 * @param emailDomains the reserved email domains; {@value #EXAMPLE_DOMAIN} is always the first
 * @param idPrefix     the reserved identifier prefix, upper-case
 */
public record ReservedRanges(List<String> emailDomains, String idPrefix) {

    // The preflight checks PROD against the same ranges: one definition of each.
    public static final String EXAMPLE_DOMAIN = io.ferry.anonymize.classify.ReservedRanges.EXAMPLE_DOMAIN;
    public static final String DEFAULT_ID_PREFIX = io.ferry.anonymize.classify.ReservedRanges.DEFAULT_ID_PREFIX;

    /** {@code [1]NPA55501xx} with any non-digits around the digits: the same text in Java, PostgreSQL and Cypher. */
    public static final String PHONE_REGEX = io.ferry.anonymize.classify.ReservedRanges.PHONE_REGEX;
    private static final List<String> TEST_NETS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

    public ReservedRanges {
        Set<String> domains = new LinkedHashSet<>();
        domains.add(EXAMPLE_DOMAIN);
        for (String d : Objects.requireNonNull(emailDomains, "emailDomains")) {
            String clean = domain(d);
            if (!clean.isEmpty()) {
                domains.add(clean);
            }
        }
        emailDomains = List.copyOf(domains);
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (idPrefix.isBlank()) {
            throw new IllegalArgumentException("the reserved identifier prefix is empty");
        }
        idPrefix = idPrefix.strip().toUpperCase(Locale.ROOT);
    }

    /** {@value #EXAMPLE_DOMAIN} and the prefix {@value #DEFAULT_ID_PREFIX}. */
    public static ReservedRanges standard() {
        return new ReservedRanges(List.of(), DEFAULT_ID_PREFIX);
    }

    /** A domain as written in a configuration: trimmed, lower-case, without a leading {@code @} or dot. */
    static String domain(String d) {
        String clean = d.strip().toLowerCase(Locale.ROOT);
        while (clean.startsWith("@") || clean.startsWith(".")) {
            clean = clean.substring(1);
        }
        return clean;
    }

    /** Whether the type's generated values live in a reserved range. */
    public static boolean hasReservedRange(DataType type) {
        return type.hasReservedRange();
    }

    /**
     * Whether a value of this type lies inside the type's reserved range: always true for a value {@code fake}
     * generated, and, in production, a value the preflight refuses. False for types without a range and for null.
     */
    public boolean inReservedRange(DataType type, String value) {
        if (value == null || !type.hasReservedRange()) {
            return false;
        }
        if (type.equals(DataType.EMAIL)) {
            return isAsciiTrimmed(value) ? emailInDomains(value) : emailInDomains(value.strip().toLowerCase(Locale.ROOT));
        }
        if (type.equals(DataType.PHONE)) {
            return reservedPhone(value);
        }
        if (type.equals(DataType.STATE_ID) || type.equals(DataType.USERNAME)) {
            return value.strip().toUpperCase(Locale.ROOT).startsWith(idPrefix);
        }
        if (type.equals(DataType.IP)) {
            String ip = Canonical.ip(value);
            int slash = ip.indexOf('/');
            String host = slash < 0 ? ip : ip.substring(0, slash);
            for (String net : TEST_NETS) {
                if (host.startsWith(net)) {
                    return true;
                }
            }
            return host.startsWith("2001:db8:") || host.startsWith("2001:0db8:");
        }
        // person.ssn
        String digits = Canonical.digits(value);
        return digits.length() == 9 && digits.startsWith("000");
    }

    /*
     * The checks below run on every generated email and phone (the anonymizer's check that an output lies in its
     * range): written out, they answer what the stripped, lower-cased text and PHONE_REGEX answer, without making
     * either (a twentieth of a people table's checks). ReservedRangesTest holds them equal.
     */

    /** Whether the value is ASCII with no white space at either end: then strip and lower-case change only case. */
    private static boolean isAsciiTrimmed(String value) {
        int n = value.length();
        if (n == 0 || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(n - 1))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code email}, read in ASCII lower case, ends in {@code @} or {@code .} and one of the domains. */
    private boolean emailInDomains(String email) {
        int n = email.length();
        for (String d : emailDomains) {
            int start = n - d.length();
            if (start < 1 || email.charAt(start - 1) != '@' && email.charAt(start - 1) != '.') {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < d.length() && same; i++) {
                char c = email.charAt(start + i);
                same = (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) == d.charAt(i);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #PHONE_REGEX}: the ASCII digits, whatever stands between them, are {@code NPA55501xx}, or those ten after
     * a {@code 1}.
     */
    private static boolean reservedPhone(String value) {
        int count = 0;
        char[] digits = new char[11];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == 11) {
                    return false;
                }
                digits[count++] = c;
            }
        }
        int from = count == 11 && digits[0] == '1' ? 1 : 0;
        return count - from == 10 && digits[from + 3] == '5' && digits[from + 4] == '5' && digits[from + 5] == '5'
                && digits[from + 6] == '0' && digits[from + 7] == '1';
    }

    /** {@link #inReservedRange(DataType, String)} for a type name as a rule writes it. */
    public boolean inReservedRange(String type, String value) {
        return inReservedRange(DataType.of(type), value);
    }
}
