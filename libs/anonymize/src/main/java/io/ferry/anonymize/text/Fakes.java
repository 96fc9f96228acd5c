package io.ferry.anonymize.text;

import io.ferry.anonymize.strategy.Digits;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed lookups and keyed replacements for one thread of the scrubber. A {@link Mac} is not thread-safe, so
 * every thread gets its own instance (cloned from a prototype), with a small cache of recent dictionary
 * answers (words repeat: roles, user agents, common words); everything else is immutable.
 *
 * <p>Replacement bytes are {@code HMAC-SHA256(replacementKey, "ferry-text|" + keyVersion + "|" + purpose + "|"
 * + attempt + "|" + canonical)}: the same canonical value gives the same replacement under the same key and
 * version, in every call, thread and instance, and nothing is stored.
 */
final class Fakes {

    static final String RESERVED_EMAIL_DOMAIN = "example.org";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int ATTEMPTS = 16;

    /** The immutable part: keys, dictionary, prototypes of the two MACs. */
    static final class Keys {
        private final Mac dictionaryMac;
        private final Mac replacementMac;
        private final DictionaryHashes dictionary;
        private final int keyVersion;

        Keys(byte[] dictionaryKey, DictionaryHashes dictionary, byte[] replacementKey, int keyVersion) {
            this.dictionaryMac = mac(dictionaryKey, "dictionary key");
            this.replacementMac = mac(replacementKey, "replacement key");
            this.dictionary = dictionary;
            this.keyVersion = keyVersion;
            this.sessions = ThreadLocal.withInitial(() -> new Fakes(copy(this.dictionaryMac), copy(this.replacementMac),
                    this.dictionary, this.keyVersion));
        }

        /** This thread's lookups: the MACs are cloned once per thread, not once per scrubbed value. */
        private final ThreadLocal<Fakes> sessions;

        Fakes session() {
            return sessions.get();
        }

        private static Mac mac(byte[] key, String what) {
            if (key == null || key.length < 16) {
                throw new IllegalArgumentException("the " + what + " must have at least 16 bytes");
            }
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key.clone(), "HmacSHA256"));
                return m;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("the JVM cannot compute HMAC-SHA256", e);
            }
        }

        private static Mac copy(Mac prototype) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the HMAC-SHA256 provider cannot clone a MAC", e);
            }
        }
    }

    private final Mac dictionaryMac;
    private final Mac replacementMac;
    private final DictionaryHashes dictionary;
    private final String prefix;
    private final FakeNames names = FakeNames.get();

    private Fakes(Mac dictionaryMac, Mac replacementMac, DictionaryHashes dictionary, int keyVersion) {
        this.dictionaryMac = dictionaryMac;
        this.replacementMac = replacementMac;
        this.dictionary = dictionary;
        this.prefix = "ferry-text|" + keyVersion + "|";
    }

    /** Whether a canonical token is one of the district's tokens (same HMAC input as the preflight's). */
    boolean inDictionary(String canonical) {
        if (dictionary.isEmpty()) {
            return false;
        }
        Boolean known = recentAnswers.get(canonical);
        if (known != null) {
            return known;
        }
        boolean hit = dictionary.contains(dictionaryMac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        recentAnswers.put(canonical, hit);
        return hit;
    }

    /** The recent dictionary answers: one HMAC saved per repeated word. */
    private final RecentTexts<Boolean> recentAnswers = new RecentTexts<>();

    private byte[] keyed(String purpose, int attempt, String canonical) {
        return replacementMac.doFinal((prefix + purpose + "|" + attempt + "|" + canonical).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ names

    /**
     * A fake name for a canonical name token: a first name when the token is a known first name, otherwise a
     * last name, picked with the keyed bytes (16 picks from the English-speaking locales' lists, then from all).
     * A pick is skipped when it is a district token itself, an ordinary word ({@link CommonWords}), or when it
     * contains the token or is contained in it; the result is never the input.
     */
    String name(String canonical) {
        boolean first = names.isFirstName(canonical);
        String purpose = first ? "first" : "last";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // the first two attempts (16 picks) from the English lists, then from all lists
            List<String> pool = attempt < 2 ? (first ? names.firstEnglish : names.lastEnglish) : (first ? names.first : names.last);
            byte[] h = keyed(purpose, attempt, canonical);
            for (int j = 0; j + 4 <= h.length; j += 4) {
                String candidate = pool.get(Math.floorMod(intAt(h, j), pool.size()));
                if (acceptableName(candidate, canonical)) {
                    return candidate;
                }
            }
        }
        // every pick was taken (a dictionary holding most of the lists): a keyed pronounceable word
        for (int attempt = 0; ; attempt++) {
            byte[] h = keyed(purpose + "-word", attempt, canonical);
            String candidate = pronounceable(h, 6 + (h[31] & 3));
            if (acceptableName(candidate, canonical)) {
                return candidate;
            }
        }
    }

    private boolean acceptableName(String candidate, String canonical) {
        String c = Canonical.word(candidate);
        return !c.contains(canonical) && !canonical.contains(c) && !CommonWords.FUNCTION.contains(c)
                && !CommonWords.COMMON.contains(c) && !inDictionary(c);
    }

    private static String pronounceable(byte[] h, int length) {
        String consonants = "bcdfghjklmnprstvz";
        String vowels = "aeiou";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int b = h[i] & 0xff;
            sb.append(i % 2 == 0 ? consonants.charAt(b % consonants.length()) : vowels.charAt(b % vowels.length()));
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }

    /** The fake in the case of the original: all upper, all lower, or as the list writes it. */
    static String shape(String fake, String original) {
        boolean upper = false;
        boolean lower = false;
        int letters = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
            }
        }
        if (upper && !lower && letters > 1) {
            return fake.toUpperCase(Locale.ROOT);
        }
        if (!upper) {
            return fake.toLowerCase(Locale.ROOT);
        }
        return fake;
    }

    // ------------------------------------------------------------------ identifiers

    /**
     * A keyed identifier of the same shape: every digit replaced by a digit, every letter by an ASCII letter of
     * the same case, everything else kept. Never the input (case-insensitively) and never a district token.
     */
    String identifier(String original, String canonical) {
        for (int attempt = 0; ; attempt++) {
            String candidate = sameShape(original, canonical, "id", attempt);
            String c = Canonical.word(candidate);
            if (!c.equals(canonical) && !inDictionary(c)) {
                return candidate;
            }
        }
    }

    private String sameShape(String original, String canonical, String purpose, int attempt) {
        StringBuilder sb = new StringBuilder(original.length());
        byte[] h = null;
        int used = 32;
        int block = 0;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            i += Character.charCount(cp);
            boolean digit = Character.isDigit(cp);
            boolean letter = !digit && Character.isLetter(cp);
            if (!digit && !letter) {
                if (Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
                    sb.appendCodePoint(cp);
                }
                continue;
            }
            if (used == 32) {
                h = keyed(purpose, attempt * 1024 + block++, canonical);
                used = 0;
            }
            int b = h[used++] & 0xff;
            if (digit) {
                sb.append((char) ('0' + b % 10));
            } else if (Character.isUpperCase(cp)) {
                sb.append((char) ('A' + b % 26));
            } else {
                sb.append((char) ('a' + b % 26));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ emails

    /**
     * A keyed address at {@value #RESERVED_EMAIL_DOMAIN}: the local part's words are replaced by fake names
     * (the same as the words get in text), its digit runs by keyed digits, followed by a dot and four keyed
     * characters of the whole address (so different addresses stay apart). Lower-case.
     */
    String email(String address) {
        String c = Canonical.of(address);
        int at = c.lastIndexOf('@');
        String local = at > 0 ? c.substring(0, at) : c;
        StringBuilder sb = new StringBuilder(local.length() + 24);
        int i = 0;
        while (i < local.length()) {
            int cp = local.codePointAt(i);
            int j = i;
            if (Character.isLetter(cp)) {
                while (j < local.length() && (Character.isLetter(local.codePointAt(j)) || Character.getType(local.codePointAt(j)) == Character.NON_SPACING_MARK)) {
                    j += Character.charCount(local.codePointAt(j));
                }
                String word = local.substring(i, j);
                sb.append(word.length() >= 2 ? name(word).toLowerCase(Locale.ROOT) : sameShape(word, c, "email-letter", 0));
            } else if (cp >= '0' && cp <= '9') {
                while (j < local.length() && local.charAt(j) >= '0' && local.charAt(j) <= '9') {
                    j++;
                }
                sb.append(sameShape(local.substring(i, j), local.substring(i, j), "email-digits", 0));
            } else {
                j += Character.charCount(cp);
                char sep = cp == '_' || cp == '-' ? (char) cp : '.';
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != sep) {
                    sb.append(sep);
                }
            }
            i = j;
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '.') {
            sb.append('.');
        }
        byte[] h = keyed("email", 0, c);
        for (int k = 0; k < 4; k++) {
            sb.append(BASE32.charAt((h[k] & 0xff) % 32));
        }
        return sb.append('@').append(RESERVED_EMAIL_DOMAIN).toString();
    }

    // ------------------------------------------------------------------ phones

    /**
     * Ten keyed digits {@code NPA 555 01xx}: a keyed area code (2-9, 0-8, 0-9, not N11) and a line of the
     * fictional range 555-0100 to 555-0199. Never the digits given ({@code national}: the input's ten digits,
     * or null).
     */
    String phoneDigits(String canonical, String national) {
        for (int attempt = 0; ; attempt++) {
            byte[] h = keyed("phone", attempt, canonical);
            int a = 2 + (h[0] & 0xff) % 8;
            int b = (h[1] & 0xff) % 9;
            int c = (h[2] & 0xff) % 10;
            if (b == 1 && c == 1) {
                c = 2;
            }
            int line = (h[3] & 0xff) % 100;
            String digits = "" + a + b + c + "55501" + (line < 10 ? "0" : "") + line;
            if (!digits.equals(national)) {
                return digits;
            }
        }
    }

    // ------------------------------------------------------------------ SSNs

    /**
     * Nine keyed digits that can never be a real SSN nor an ITIN: area 900-999 (never issued as an SSN) with
     * group 10-49 (never used by ITINs, whose groups are 50-65, 70-88, 90-92 and 94-99, nor by ATINs, 93).
     */
    String ssnDigits(String nineDigits) {
        byte[] h = keyed("ssn", 0, nineDigits);
        int area = 900 + (h[0] & 0xff) % 100;
        int group = 10 + (h[1] & 0xff) % 40;
        int serial = 1 + (((h[2] & 0xff) << 8) | (h[3] & 0xff)) % 9999;
        return Digits.padded(area, 3) + Digits.padded(group, 2) + Digits.padded(serial, 4);
    }

    private static int intAt(byte[] h, int j) {
        return ((h[j] & 0xff) << 24) | ((h[j + 1] & 0xff) << 16) | ((h[j + 2] & 0xff) << 8) | (h[j + 3] & 0xff);
    }
}
