package io.ferry.anonymizer.leak;

import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.anonymize.strategy.DataType;
import io.ferry.anonymize.text.PiiKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which source values the leak check remembers (as keyed hashes) and looks for in the output: values of
 * fields whose rule transforms them and whose type identifies a person on its own (emails, phones, state
 * ids, usernames, SSNs, uuids, addresses with a number, your own types when the value holds a digit;
 * all with 7 or more letters and digits), the identifiers the scrubber finds in free text, and identifying tuples (first name, last name, birth date
 * of one row). Single names and dates are not remembered: fake names come from the same finite lists as
 * real ones, so a real first name in the output proves nothing, while a real first name, last name and
 * birth date together do.
 */
public final class SourceIdentifiers {

    private static final Set<LeakTokens.Form> PHONE = Set.copyOf(EnumSet.of(LeakTokens.Form.TEXT,
            LeakTokens.Form.DIGITS));
    private static final Set<LeakTokens.Form> IDENTIFIER = Set.copyOf(EnumSet.of(LeakTokens.Form.TEXT,
            LeakTokens.Form.ALNUM));
    private static final Set<LeakTokens.Form> AS_WRITTEN = Set.of(LeakTokens.Form.TEXT);

    private SourceIdentifiers() {
    }

    /**
     * Whether a source value of this type identifies someone by itself. Values with fewer than
     * {@value LeakTokens#MIN_ALNUM} letters and digits (ZIP codes, short numbers) do not, and looking for them
     * would find every count and id that happens to be equal.
     */
    public static boolean identifying(DataType type, String value) {
        if (!longEnough(value)) {
            return false;
        }
        return switch (type.form()) {
            case DATE -> false;
            case CASELESS, TEXT -> hasDigit(value);
            default -> true;
        };
    }

    /**
     * The forms a source value of this type is looked for in: phones in any format (digits), identifiers
     * and SSNs with or without separators, everything else as written (case and spacing aside).
     */
    public static Set<LeakTokens.Form> forms(DataType type) {
        return switch (type.form()) {
            case PHONE -> PHONE;
            case IDENTIFIER, DIGITS -> IDENTIFIER;
            default -> AS_WRITTEN;
        };
    }

    /** The forms of an identifier the scrubber found in free text, by its kind. */
    public static Set<LeakTokens.Form> forms(PiiKind kind) {
        return switch (kind) {
            case PHONE -> PHONE;
            case EMAIL -> AS_WRITTEN;
            default -> IDENTIFIER;
        };
    }

    /** Whether the value has {@value LeakTokens#MIN_ALNUM} or more letters and digits. */
    public static boolean longEnough(String value) {
        int count = 0;
        for (int i = 0; i < value.length() && count < LeakTokens.MIN_ALNUM; ) {
            int cp = value.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                count++;
            }
            i += Character.charCount(cp);
        }
        return count >= LeakTokens.MIN_ALNUM;
    }

    /** The token of an identifying tuple; null when a part is missing or blank. */
    public static String tuple(String firstName, String lastName, String birthDate) {
        if (blank(firstName) || blank(lastName) || blank(birthDate)) {
            return null;
        }
        return "p:" + DataType.FIRST_NAME.canonical(firstName) + "\u0000" + DataType.LAST_NAME.canonical(lastName)
                + "\u0000" + DataType.BIRTH_DATE.canonical(birthDate);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean hasDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
