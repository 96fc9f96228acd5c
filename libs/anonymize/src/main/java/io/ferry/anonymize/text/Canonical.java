package io.ferry.anonymize.text;

import io.ferry.anonymize.classify.TokenDictionary;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The dictionary's canonical form of a token, so that a candidate token in free text hashes exactly as the
 * preflight hashed the district's values ({@link TokenDictionary#canonical}). The HMAC input is the UTF-8
 * bytes of that form.
 */
final class Canonical {

    private Canonical() {
    }

    /** NFC, trimmed, inner whitespace collapsed, lower-case. */
    static String of(String value) {
        return TokenDictionary.canonical(value);
    }

    /** The same for a token that holds no whitespace (the common case, without the regular expression). */
    static String word(String token) {
        // ASCII is NFC as it is; the check allocates, and nearly every token of the free text is ASCII
        String nfc = ascii(token) || Normalizer.isNormalized(token, Normalizer.Form.NFC) ? token
                : Normalizer.normalize(token, Normalizer.Form.NFC);
        return nfc.toLowerCase(Locale.ROOT);
    }

    private static boolean ascii(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
