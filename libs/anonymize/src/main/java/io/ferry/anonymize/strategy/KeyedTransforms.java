package io.ferry.anonymize.strategy;

import java.util.Arrays;
import java.util.HexFormat;

/** The {@code hash}, {@code token} and {@code fpe} strategies. */
final class KeyedTransforms {

    private static final HexFormat HEX = HexFormat.of();

    private final Keys keys;

    KeyedTransforms(Keys keys) {
        this.keys = keys;
    }

    /**
     * Lower-case hex of {@code HMAC(hash key, type ‖ draw ‖ canonical value)}, as many digits as the rule says (the
     * HMAC is extended block by block when more are needed). A bytea text ({@code \x0a1b...}) keeps its form and its
     * length: {@code \x} and as many hex digits as the source has; an empty bytea stays empty.
     */
    FieldAnonymizer hash(FieldRule rule) {
        int length = Integer.parseInt(rule.argument());
        String type = rule.type().name();
        return (value, entity) -> {
            String v = value.strip();
            boolean bytea = v.startsWith("\\x");
            int digits = bytea ? v.length() - 2 : length;
            if (bytea && digits == 0) {
                return v;
            }
            String canonical = rule.type().canonical(value);
            return Draws.differing(rule, canonical, counter -> {
                String hex = keyStreamHex(type, counter, canonical, digits);
                return bytea ? "\\x" + hex : hex;
            });
        };
    }

    private String keyStreamHex(String type, int counter, String canonical, int digits) {
        StringBuilder out = new StringBuilder(digits);
        byte[] block = new byte[KeyedHash.BYTES];
        for (int b = 0; out.length() < digits; b++) {
            keys.hashes.digest(type, counter, b, canonical, block);
            out.append(HEX.formatHex(block));
        }
        out.setLength(digits);
        return out.toString();
    }

    /**
     * The value with every letter replaced by a keyed letter of the same case, every digit by a keyed digit, every
     * other character kept: same length and format. The key stream is {@code HMAC(token key, type ‖ draw ‖ block ‖
     * canonical value)}, so spellings with the same canonical form get the same letters and digits. A value
     * without letters or digits has nothing to replace and is returned as it is.
     */
    FieldAnonymizer token(FieldRule rule) {
        String type = rule.type().name();
        return (value, entity) -> {
            String text = Canonical.text(value);
            if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
                return value;
            }
            String canonical = rule.type().canonical(value);
            return Draws.differing(rule, canonical, counter -> {
                StringBuilder out = new StringBuilder(text.length());
                byte[] block = new byte[KeyedHash.BYTES];
                int used = KeyedHash.BYTES;
                int blockNo = 0;
                for (int i = 0; i < text.length(); ) {
                    int cp = text.codePointAt(i);
                    i += Character.charCount(cp);
                    boolean letter = Character.isLetter(cp);
                    if (!letter && !Character.isDigit(cp)) {
                        out.appendCodePoint(cp);
                        continue;
                    }
                    if (used == KeyedHash.BYTES) {
                        keys.tokens.digest(type, counter, blockNo++, canonical, block);
                        used = 0;
                    }
                    int r = (block[used] & 0xFF) << 8 | block[used + 1] & 0xFF;
                    used += 2;
                    if (letter) {
                        char c = (char) ('a' + r % 26);
                        out.append(Character.isUpperCase(cp) || Character.isTitleCase(cp) ? Character.toUpperCase(c) : c);
                    } else {
                        out.append((char) ('0' + r % 10));
                    }
                }
                return out.toString();
            });
        };
    }

    /**
     * FF1 format-preserving encryption of the value's digits (radix 10), or of its hex digits ({@code fpe: hex},
     * radix 16, case as in the source), every other character in place. The permutation is conjugated with "add
     * one" ({@link KeyedPermutation#encryptDeranged}), so it is still a bijection of the digit strings of each
     * length but never maps a value onto itself. A value without such digits is returned as it is.
     */
    FieldAnonymizer fpe(FieldRule rule) {
        boolean hex = rule.argument().equals("hex");
        KeyedPermutation permutation = keys.permutation(hex ? 16 : 10, "fpe|" + rule.type().name() + "|"
                + rule.argument());
        return (value, entity) -> crypt(permutation, hex, value, true);
    }

    /** The inverse of {@link #fpe}: only with the key, for tests. */
    String fpeDecrypt(FieldRule rule, String value) {
        boolean hex = rule.argument().equals("hex");
        KeyedPermutation permutation = keys.permutation(hex ? 16 : 10, "fpe|" + rule.type().name() + "|"
                + rule.argument());
        return crypt(permutation, hex, value, false);
    }

    private static String crypt(KeyedPermutation permutation, boolean hex, String value, boolean encrypt) {
        int radix = hex ? 16 : 10;
        // one pass over the value for its digits and their case
        byte[] found = new byte[value.length()];
        int n = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int d = c < 0x80 ? Character.digit(c, radix) : -1;
            if (d >= 0) {
                found[n++] = (byte) d;
                upper |= c >= 'A' && c <= 'F';
                lower |= c >= 'a' && c <= 'f';
            }
        }
        if (n == 0) {
            return value;
        }
        byte[] digits = Arrays.copyOf(found, n);
        if (encrypt) {
            permutation.encryptDeranged(digits);
        } else {
            permutation.decryptDeranged(digits);
        }
        char[] out = value.toCharArray();
        int k = 0;
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c < 0x80 && Character.digit(c, radix) >= 0) {
                char d = Character.forDigit(digits[k++], radix);
                out[i] = upper && !lower ? Character.toUpperCase(d) : d;
            }
        }
        return new String(out);
    }
}
