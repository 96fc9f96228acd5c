package io.ferry.anonymize.classify;

import io.ferry.anonymize.text.RecentTexts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The district's person-name and identifier tokens as keyed hashes, for free-text scrubbing: every token
 * is canonicalised (Unicode NFC, trimmed, inner whitespace collapsed to one space, lower-case) and kept
 * only as the lower-case hex of HMAC-SHA256 under the dictionary key. Plain tokens are never stored.
 *
 * <p>Tokens per data type: names ({@code person.first_name}, {@code person.last_name},
 * {@code person.full_name}) give each word, and for a hyphenated or apostrophised word also its parts;
 * an email gives the whole address and its local part; state ids and usernames give the whole value.
 * Tokens shorter than {@value #MIN_LENGTH} characters are left out (initials would match every text).
 */
public final class TokenDictionary {

    static final int MIN_LENGTH = 2;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORD_PARTS = Pattern.compile("[-'\u2019]");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\u2019]+|[\\p{Punct}\u2019]+$");

    private final Mac mac;
    // sorted once when written: a sorted set paid a string comparison chain per token added
    private final HashSet<String> hashes = new HashSet<>();
    private final Map<DataType, RecentTexts<Boolean>> recent = new HashMap<>();

    public TokenDictionary(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the dictionary key must have at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JVM cannot compute HMAC-SHA256", e);
        }
    }

    /** Adds another dictionary's tokens; it must have been made under the same key. */
    public void addAll(TokenDictionary other) {
        hashes.addAll(other.hashes);
    }

    /** NFC, trimmed, inner whitespace collapsed, lower-case. */
    public static String canonical(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        return SPACES.matcher(nfc).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The canonical tokens one value of {@code type} contributes (empty for types outside the dictionary). */
    public static Set<String> tokens(DataType type, String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null || !type.inDictionary()) {
            return out;
        }
        String c = canonical(value);
        switch (type) {
            case FIRST_NAME, LAST_NAME, FULL_NAME -> {
                for (String word : c.split(" ")) {
                    String w = EDGE_PUNCTUATION.matcher(word).replaceAll("");
                    add(out, w);
                    if (WORD_PARTS.matcher(w).find()) {
                        for (String part : WORD_PARTS.split(w)) {
                            add(out, part);
                        }
                    }
                }
            }
            case EMAIL -> {
                add(out, c);
                int at = c.lastIndexOf('@');
                if (at > 0) {
                    add(out, c.substring(0, at));
                }
            }
            default -> add(out, c);
        }
        return out;
    }

    private static void add(Set<String> out, String token) {
        if (token.length() >= MIN_LENGTH) {
            out.add(token);
        }
    }

    /** Hashes and keeps the tokens of one value. */
    public void add(DataType type, String value) {
        if (value == null) {
            return;
        }
        // Names repeat across a district's rows: a value added lately needs neither its tokens nor their HMACs again.
        RecentTexts<Boolean> seen = recent.computeIfAbsent(type, t -> new RecentTexts<>());
        if (seen.get(value) != null) {
            return;
        }
        for (String token : tokens(type, value)) {
            hashes.add(hmac(token));
        }
        seen.put(value, Boolean.TRUE);
    }

    /** Lower-case hex HMAC-SHA256 of the token's UTF-8 bytes (the token is expected canonical). */
    public String hmac(String token) {
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }

    public int size() {
        return hashes.size();
    }

    /** Sorted, de-duplicated, one hex hash per line, each line ending in {@code \n}. */
    public void writeTo(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String h : hashes.stream().sorted().toList()) {
                w.write(h);
                w.write('\n');
            }
        }
    }
}
