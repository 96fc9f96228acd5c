package io.ferry.validator.check;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What the CERT-side checks need to know about a CERT column type. */
final class CertTypes {

    private static final Pattern MODIFIER = Pattern.compile("\\(\\d+(,\\d+)?\\)");
    private static final Set<String> TEXTS = Set.of("text", "character varying", "character", "bpchar", "name", "citext");

    private CertTypes() {
    }

    /**
     * The type without its length or precision, so casting for a check never cuts or rounds a value (a
     * value too long or too precise is a finding of its own).
     */
    static String base(String type) {
        String base = MODIFIER.matcher(type).replaceAll("");
        return base.equals("character") ? "bpchar" : base;
    }

    /** Whether every text is a valid value of the type, lengths aside (those are checked elsewhere). */
    static boolean anyText(String type) {
        return TEXTS.contains(base(type).toLowerCase(Locale.ROOT));
    }
}
