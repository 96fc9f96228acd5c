package io.ferry.anonymize.text;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A district dictionary built the way the preflight builds {@code tokens.txt} (its rule copied from
 * {@code extractor-service/.../preflight/TokenDictionary.java}): names give every word and the parts of hyphenated
 * or apostrophised words, an email the whole address and its local part, state ids and usernames the whole value;
 * canonical (NFC, trimmed, collapsed spaces, lower-case), at least two characters, HMAC-SHA256 as lower-case hex.
 */
final class TestDictionary {

    static final byte[] DICTIONARY_KEY = "ferry-test-dictionary-key-32-bytes!".getBytes(StandardCharsets.UTF_8);
    static final byte[] REPLACEMENT_KEY = "ferry-test-replacement-key-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_REPLACEMENT_KEY = "another-replacement-key-of-32-bytes".getBytes(StandardCharsets.UTF_8);

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORD_PARTS = Pattern.compile("[-'\u2019]");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\u2019]+|[\\p{Punct}\u2019]+$");

    private final Mac mac;
    private final Set<String> hashes = new TreeSet<>();
    private final Set<String> tokens = new LinkedHashSet<>();

    TestDictionary() {
        this(DICTIONARY_KEY);
    }

    TestDictionary(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonical(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        return SPACES.matcher(nfc).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    TestDictionary name(String value) {
        for (String word : canonical(value).split(" ")) {
            String w = EDGE_PUNCTUATION.matcher(word).replaceAll("");
            add(w);
            if (WORD_PARTS.matcher(w).find()) {
                for (String part : WORD_PARTS.split(w)) {
                    add(part);
                }
            }
        }
        return this;
    }

    TestDictionary email(String value) {
        String c = canonical(value);
        add(c);
        int at = c.lastIndexOf('@');
        if (at > 0) {
            add(c.substring(0, at));
        }
        return this;
    }

    /** A state id or a username: the whole value. */
    TestDictionary id(String value) {
        add(canonical(value));
        return this;
    }

    /** One entry of planted.tsv: {@code first:..}, {@code last:..}, {@code email:..}, {@code state_id:..}, {@code username:..}. */
    TestDictionary entry(String typed) {
        int colon = typed.indexOf(':');
        String type = typed.substring(0, colon);
        String value = typed.substring(colon + 1);
        return switch (type) {
            case "first", "last", "full" -> name(value);
            case "email" -> email(value);
            case "state_id", "username" -> id(value);
            default -> throw new IllegalArgumentException("unknown dictionary type " + type);
        };
    }

    private void add(String token) {
        if (token.length() >= 2) {
            tokens.add(token);
            hashes.add(hmac(token));
        }
    }

    String hmac(String token) {
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }

    boolean containsToken(String canonicalToken) {
        return hashes.contains(hmac(canonicalToken));
    }

    Set<String> hashes() {
        return Set.copyOf(hashes);
    }

    Set<String> tokens() {
        return tokens;
    }

    TextScrubber scrubber() {
        return new TextScrubber(DICTIONARY_KEY, hashes, REPLACEMENT_KEY, 1);
    }
}
