package io.ferry.anonymize.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The ranges generated values live in, which production must not already use, so that a fake value can
 * never be a real one (and the leak check can tell them apart):
 * <ul>
 * <li>emails: the domain {@value #EXAMPLE_DOMAIN} (RFC 2606) and any configured domain, subdomains
 *     included, compared case-insensitively after trimming;</li>
 * <li>phones: the NANP fictional range {@code 555-0100} to {@code 555-0199}, any area code: as E.164
 *     digits {@code 1NPA55501xx} (a leading 1 optional, every non-digit ignored);</li>
 * <li>identifiers (state student ids, usernames): the prefix {@value #DEFAULT_ID_PREFIX}, compared
 *     case-insensitively after trimming.</li>
 * </ul>
 * The SQL and Cypher conditions below say the same as {@link #violation}, so the set-based scan of
 * PROD and this check agree.
 */
public record ReservedRanges(List<String> emailDomains, String idPrefix) {

    public static final String EXAMPLE_DOMAIN = "example.org";
    public static final String DEFAULT_ID_PREFIX = "F-";

    /**
     * A value whose digits are {@code [1]NPA55501xx}: every digit may be surrounded by non-digits. The
     * same text works as a Java, PostgreSQL (ARE) and Cypher regular expression.
     */
    public static final String PHONE_REGEX = "^\\D*(?:1\\D*)?\\d\\D*\\d\\D*\\d\\D*5\\D*5\\D*5\\D*0\\D*1\\D*\\d\\D*\\d\\D*$";

    public ReservedRanges {
        // The anonymizer's ranges are the definition; this record adds the preflight's SQL and Cypher.
        io.ferry.anonymize.strategy.ReservedRanges generated =
                new io.ferry.anonymize.strategy.ReservedRanges(emailDomains, idPrefix);
        emailDomains = generated.emailDomains();
        idPrefix = generated.idPrefix();
    }

    public static ReservedRanges standard() {
        return new ReservedRanges(List.of(), DEFAULT_ID_PREFIX);
    }

    /** Whether a PROD value of a field ruled as {@code type} lies inside the range generated values use. */
    public boolean violation(DataType type, String value) {
        return type.hasReservedRange() && new io.ferry.anonymize.strategy.ReservedRanges(emailDomains, idPrefix)
                .inReservedRange(type.specName(), value);
    }

    /** {@code @example.org} and {@code .example.org} for every domain: the tails of a reserved address. */
    public List<String> emailSuffixes() {
        List<String> tails = new ArrayList<>();
        for (String d : emailDomains) {
            tails.add("@" + d);
            tails.add("." + d);
        }
        return tails;
    }

    /**
     * An SQL condition over {@code expr} (text) that holds exactly when {@link #violation} does, with its
     * parameters appended to {@code params} in order.
     */
    public String sqlCondition(DataType type, String expr, List<Object> params) {
        return switch (type) {
            case EMAIL -> {
                List<String> parts = new ArrayList<>();
                for (String tail : emailSuffixes()) {
                    parts.add("right(lower(btrim(" + expr + ")), ?) = ?");
                    params.add(tail.length());
                    params.add(tail);
                }
                yield "(" + String.join(" OR ", parts) + ")";
            }
            case PHONE -> {
                params.add(PHONE_REGEX);
                yield "(" + expr + " ~ ?)";
            }
            case STATE_ID, USERNAME -> {
                params.add(idPrefix.length());
                params.add(idPrefix);
                yield "(left(upper(btrim(" + expr + ")), ?) = ?)";
            }
            default -> throw new IllegalArgumentException(type.specName() + " has no reserved range");
        };
    }

    /**
     * A Cypher condition over {@code expr} that holds exactly when {@link #violation} does; parameters are
     * {@code $reservedTails}, {@code $reservedPhone} and {@code $reservedPrefix} (see {@link #cypherParameters}).
     */
    public String cypherCondition(DataType type, String expr) {
        String text = "toStringOrNull(" + expr + ")";
        return switch (type) {
            case EMAIL -> "any(tail IN $reservedTails WHERE toLower(trim(" + text + ")) ENDS WITH tail)";
            case PHONE -> text + " =~ $reservedPhone";
            case STATE_ID, USERNAME -> "toUpper(trim(" + text + ")) STARTS WITH $reservedPrefix";
            default -> throw new IllegalArgumentException(type.specName() + " has no reserved range");
        };
    }

    public java.util.Map<String, Object> cypherParameters() {
        return java.util.Map.of("reservedTails", emailSuffixes(), "reservedPhone", PHONE_REGEX, "reservedPrefix", idPrefix);
    }
}
