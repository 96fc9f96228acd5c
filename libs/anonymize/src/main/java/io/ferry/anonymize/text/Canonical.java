package io.ferry.anonymize.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The dictionary's canonical form of a token, copied from the preflight so that a candidate token in free
 * text hashes exactly as the preflight hashed the district's values: Unicode NFC, trimmed, inner whitespace
 * collapsed to one space, lower-case ({@link Locale#ROOT}). The HMAC input is the UTF-8 bytes of that form.
 *
 * <p>Source of the rule: {@code extractor-service/src/main/java/io/ferry/extractor/preflight/TokenDictionary.java}
 * ({@code canonical} and {@code hmac}; on {@code main} it moved to {@code io.ferry.anonymize.classify.TokenDictionary}).
 * The two copies must stay identical until they are unified.
 */
final class Canonical {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Canonical() {
    }

    /** NFC, trimmed, inner whitespace collapsed, lower-case: {@code TokenDictionary.canonical}. */
    static String of(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        return SPACES.matcher(nfc).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The same for a token that holds no whitespace (the common case, without the regular expression). */
    static String word(String token) {
        String nfc = Normalizer.isNormalized(token, Normalizer.Form.NFC) ? token
                : Normalizer.normalize(token, Normalizer.Form.NFC);
        return nfc.toLowerCase(Locale.ROOT);
    }
}
