package io.ferry.schema.mapping;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PROD column type fits a CERT column type, from the names {@code format_type()} prints. Only
 * the widenings PostgreSQL performs on assignment without losing a value count as fitting; anything
 * else needs the values checked or a spec rule.
 */
enum TypeFit {
    /** Every PROD value is a valid CERT value. */
    FITS,
    /** The same kind of value, but CERT holds less (a shorter varchar, a smaller integer, less precision). */
    NARROWER,
    /** A different kind of value: only a {@code cast} rule maps it. */
    DIFFERENT;

    private static final Pattern LENGTH = Pattern.compile("(character varying|character|bit varying|bit)\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+)(?:,(\\d+))?\\))?");
    private static final Pattern PRECISION = Pattern.compile("(timestamp|time|interval)(\\(\\d\\))?( with(out)? time zone)?");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final List<String> TEXTS = List.of("text", "character varying", "character");

    static TypeFit of(String prod, String cert) {
        String from = prod.toLowerCase(Locale.ROOT).strip();
        String to = cert.toLowerCase(Locale.ROOT).strip();
        if (from.equals(to)) {
            return FITS;
        }
        if (INTEGERS.contains(from) && INTEGERS.contains(to)) {
            return INTEGERS.indexOf(to) >= INTEGERS.indexOf(from) ? FITS : NARROWER;
        }
        if (isText(from) && isText(to)) {
            int toLimit = length(to);
            return toLimit == 0 || (length(from) != 0 && length(from) <= toLimit) ? FITS : NARROWER;
        }
        Matcher fromNumeric = NUMERIC.matcher(from);
        Matcher toNumeric = NUMERIC.matcher(to);
        if (toNumeric.matches() && (fromNumeric.matches() || INTEGERS.contains(from))) {
            return numericFit(fromNumeric.matches() ? fromNumeric : null, from, toNumeric);
        }
        Matcher fromTime = PRECISION.matcher(from);
        Matcher toTime = PRECISION.matcher(to);
        if (fromTime.matches() && toTime.matches() && fromTime.group(1).equals(toTime.group(1))
                && same(fromTime.group(3), toTime.group(3))) {
            // Fewer fractional digits round the value; the kind of value is the same.
            return toTime.group(2) == null || (fromTime.group(2) != null
                    && fromTime.group(2).compareTo(toTime.group(2)) <= 0) ? FITS : NARROWER;
        }
        return DIFFERENT;
    }

    /** The character limit of a text type, 0 for none. */
    static int length(String type) {
        Matcher m = LENGTH.matcher(type.toLowerCase(Locale.ROOT).strip());
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    private static boolean isText(String type) {
        Matcher m = LENGTH.matcher(type);
        return TEXTS.contains(type) || (m.matches() && TEXTS.contains(m.group(1)));
    }

    private static TypeFit numericFit(Matcher from, String fromType, Matcher to) {
        if (to.group(1) == null) {
            return FITS;
        }
        int toPrecision = Integer.parseInt(to.group(1));
        int toScale = to.group(2) == null ? 0 : Integer.parseInt(to.group(2));
        int fromIntegerDigits;
        int fromScale;
        if (from == null) {
            fromIntegerDigits = switch (fromType) {
                case "smallint" -> 5;
                case "integer" -> 10;
                default -> 19;
            };
            fromScale = 0;
        } else if (from.group(1) == null) {
            return NARROWER;
        } else {
            fromScale = from.group(2) == null ? 0 : Integer.parseInt(from.group(2));
            fromIntegerDigits = Integer.parseInt(from.group(1)) - fromScale;
        }
        return toPrecision - toScale >= fromIntegerDigits && toScale >= fromScale ? FITS : NARROWER;
    }

    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
