package io.ferry.anonymize.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code fake} strategy, one generator per data type. Every value is seeded by
 * {@code HMAC(seed key, type ‖ draw ‖ canonical value)} and drawn from an allow-listed Datafaker provider, or built
 * from keyed permutations where uniqueness or a reserved range is needed:
 * <ul>
 * <li>names: a fake first or last name; a full name maps each word (first words as first names, the last as a last
 *     name), so a person's full name agrees with their first and last name in other tables;</li>
 * <li>emails: {@code first.last.CODE@example.org}, where CODE is the {@link UniqueCode} of the whole address
 *     (injective) and {@code first.last} are the fake names of the address's own words when it reads like
 *     {@code thea.vandermolen@...};</li>
 * <li>usernames: {@code f-ilindgren.CODE}; state ids: {@code F-} and the FF1 encryption of the id;</li>
 * <li>phones: {@code NPA 555-01xx} in the source's format; SSNs: area {@code 000}; IP addresses: documentation
 *     networks.</li>
 * </ul>
 */
final class FakeValues {

    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_USER_BASE = 12;
    private static final String[] TEST_NETS = {"192.0.2.", "198.51.100.", "203.0.113."};

    private final Keys keys;
    private final FakerPool fakers;
    private final String emailDomain;
    private final String idPrefix;
    private final ValueCache firstNames;
    private final ValueCache lastNames;
    /** The draws the name caches compute on a miss, made once rather than a lambda a value. */
    private final FieldAnonymizer firstNameDraw =
            (c, ignored) -> drawName(DataType.FIRST_NAME, FakeProvider.FIRST_NAME, c);
    private final FieldAnonymizer lastNameDraw =
            (c, ignored) -> drawName(DataType.LAST_NAME, FakeProvider.LAST_NAME, c);
    private final UniqueCode emailCodes;
    private final UniqueCode usernameCodes;
    private final UniqueCode idCodes;
    private final KeyedPermutation idDigits;
    private final KeyedPermutation idAlphanumerics;

    FakeValues(Keys keys, FakerPool fakers, String emailDomain, String idPrefix, int cacheSize) {
        this.keys = keys;
        this.fakers = fakers;
        this.emailDomain = emailDomain;
        this.idPrefix = idPrefix;
        this.firstNames = new ValueCache(cacheSize);
        this.lastNames = new ValueCache(cacheSize);
        this.emailCodes = new UniqueCode(keys.permutation(36, "unique|" + DataType.EMAIL.name()));
        this.usernameCodes = new UniqueCode(keys.permutation(36, "unique|" + DataType.USERNAME.name()));
        this.idCodes = new UniqueCode(keys.permutation(36, "unique|" + DataType.STATE_ID.name()));
        this.idDigits = keys.permutation(10, "id-digits|" + DataType.STATE_ID.name());
        this.idAlphanumerics = keys.permutation(36, "id-alphanumeric|" + DataType.STATE_ID.name());
    }

    /** The generator for a {@code fake} rule. */
    FieldAnonymizer forRule(FieldRule rule) {
        DataType type = rule.type();
        if (rule.argument() != null) {
            FakeProvider provider = FakeProvider.fromSpecName(rule.argument()).orElseThrow();
            return (value, entity) -> provided(rule, provider, value);
        }
        if (type.equals(DataType.FIRST_NAME)) {
            return (value, entity) -> Letters.caseOf(value).apply(firstName(type.canonical(value)));
        }
        if (type.equals(DataType.LAST_NAME)) {
            return (value, entity) -> Letters.caseOf(value).apply(lastName(type.canonical(value)));
        }
        if (type.equals(DataType.FULL_NAME)) {
            return (value, entity) -> fullName(rule, value);
        }
        if (type.equals(DataType.STREET)) {
            return (value, entity) -> provided(rule, FakeProvider.STREET_ADDRESS, value);
        }
        if (type.equals(DataType.CITY)) {
            return (value, entity) -> provided(rule, FakeProvider.CITY, value);
        }
        if (type.equals(DataType.POSTAL_CODE)) {
            return (value, entity) -> provided(rule, FakeProvider.ZIP_CODE, value);
        }
        if (type.equals(DataType.EMAIL)) {
            return (value, entity) -> email(value);
        }
        if (type.equals(DataType.USERNAME)) {
            return (value, entity) -> username(value);
        }
        if (type.equals(DataType.STATE_ID)) {
            return (value, entity) -> stateId(value);
        }
        if (type.equals(DataType.PHONE)) {
            return (value, entity) -> phone(rule, value);
        }
        if (type.equals(DataType.SSN)) {
            return (value, entity) -> ssn(rule, value);
        }
        if (type.equals(DataType.IP)) {
            return (value, entity) -> ip(rule, value);
        }
        throw new IllegalArgumentException("no fake generator for " + type.name()); // FieldRule refuses these
    }

    // ---- names ----

    /** The fake first name of one canonical (lower-case) name; never the name itself. */
    String firstName(String canonical) {
        return firstNames.apply(canonical, null, firstNameDraw);
    }

    /** The fake last name of one canonical (lower-case) name; never the name itself. */
    String lastName(String canonical) {
        return lastNames.apply(canonical, null, lastNameDraw);
    }

    private String drawName(DataType type, FakeProvider provider, String canonical) {
        String out = null;
        for (int counter = 0; counter < Draws.MAX_DRAWS && out == null; counter++) {
            String candidate = fakers.generate(provider, keys.seeds.seed(type.name(), counter, canonical));
            if (!type.canonical(candidate).equals(canonical)) {
                out = candidate;
            }
        }
        if (out == null) {
            throw new AnonymizationException(FieldRule.of(type), "every draw gave back the input");
        }
        return out;
    }

    /**
     * Each word mapped on its own: {@code Thea Maria Vandermolen} → fake first, fake first, fake last name;
     * {@code Vandermolen, Thea} → fake last name, fake first name; one word → a fake first name. An initial stays an
     * initial ({@code M.} → the initial of a fake first name).
     */
    private String fullName(FieldRule rule, String value) {
        String canonical = rule.type().canonical(value);
        String out = Draws.differing(rule, canonical, counter -> {
            int comma = canonical.indexOf(',');
            String result;
            if (comma >= 0) {
                String last = canonical.substring(0, comma).strip();
                String firsts = canonical.substring(comma + 1).strip();
                result = (last.isEmpty() ? "" : lastName(last)) + ", " + firstWords(words(firsts), counter);
            } else {
                List<String> words = words(canonical);
                if (words.size() == 1) {
                    result = firstWords(words, counter);
                } else {
                    result = firstWords(words.subList(0, words.size() - 1), counter) + " "
                            + lastName(words.get(words.size() - 1));
                }
            }
            return result;
        });
        return Letters.caseOf(value).apply(out);
    }

    private String firstWords(List<String> words, int counter) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            String stem = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
            if (stem.length() == 1) {
                // an initial: the initial of the word's fake first name (the draw counter varies it)
                String fake = counter == 0 ? firstName(stem) : firstName(stem + "#" + counter);
                out.append(fake.charAt(0)).append(w.endsWith(".") ? "." : "");
            } else {
                out.append(firstName(w));
            }
        }
        return out.toString();
    }

    private static List<String> words(String canonical) {
        List<String> words = new ArrayList<>();
        for (String w : canonical.split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** A value from one provider seeded by the rule's type and the canonical value, written in the source's case. */
    private String provided(FieldRule rule, FakeProvider provider, String value) {
        String canonical = rule.type().canonical(value);
        String out = Draws.differing(rule, canonical,
                counter -> fakers.generate(provider, keys.seeds.seed(rule.type().name(), counter, canonical)));
        return Letters.caseOf(value).apply(out);
    }

    // ---- unique: emails, usernames, state ids ----

    /**
     * {@code first.last.CODE@domain}. CODE ({@link UniqueCode}) encodes the whole canonical address, so distinct
     * addresses get distinct outputs; the names only make it readable. When the local part would exceed 64
     * characters, it is CODE alone. The output is longer than the input, so it never equals it.
     */
    String email(String value) {
        String canonical = Canonical.of(Canonical.Form.EMAIL, value);
        int at = canonical.lastIndexOf('@');
        String local = at < 0 ? canonical : canonical.substring(0, at);
        String base = emailBase(local, canonical);
        String code = emailCodes.code(canonical);
        String localOut = base.isEmpty() || base.length() + 1 + code.length() > MAX_LOCAL_PART ? code
                : base + "." + code;
        return localOut + "@" + emailDomain;
    }

    /** The fake names of {@code first.last} (also {@code first_last}, {@code first-last}, a {@code +tag} dropped). */
    private String emailBase(String local, String canonical) {
        int plus = local.indexOf('+');
        String plain = plus >= 0 ? local.substring(0, plus) : local;
        String[] words = edgeWords(plain);
        String first;
        String last;
        if (words != null && Letters.isWord(words[0]) && words[0].length() >= 2 && Letters.isWord(words[1])
                && words[1].length() >= 2) {
            first = firstName(words[0]);
            last = lastName(words[1]);
        } else {
            long seed = keys.seeds.seed(DataType.EMAIL.name(), 0, canonical);
            first = fakers.generate(FakeProvider.FIRST_NAME, seed);
            last = fakers.generate(FakeProvider.LAST_NAME, seed ^ 0x5DEECE66DL);
        }
        String f = Letters.asciiLetters(first);
        String l = Letters.asciiLetters(last);
        return f.isEmpty() || l.isEmpty() ? f + l : f + "." + l;
    }

    /**
     * The first and the last word of an email's local part, words being what {@code split("[._-]+")} gives with empty
     * ones left out; null when it has fewer than two. Only the ends are cut out: a list of every word was a tenth of
     * an email's cost.
     */
    static String[] edgeWords(String local) {
        int n = local.length();
        int firstStart = 0;
        while (firstStart < n && isWordBreak(local.charAt(firstStart))) {
            firstStart++;
        }
        int firstEnd = firstStart;
        while (firstEnd < n && !isWordBreak(local.charAt(firstEnd))) {
            firstEnd++;
        }
        int lastEnd = n;
        while (lastEnd > firstEnd && isWordBreak(local.charAt(lastEnd - 1))) {
            lastEnd--;
        }
        int lastStart = lastEnd;
        while (lastStart > firstEnd && !isWordBreak(local.charAt(lastStart - 1))) {
            lastStart--;
        }
        if (firstStart == firstEnd || lastStart == lastEnd) {
            return null;
        }
        return new String[] {local.substring(firstStart, firstEnd), local.substring(lastStart, lastEnd)};
    }

    private static boolean isWordBreak(char c) {
        return c == '.' || c == '_' || c == '-';
    }

    /**
     * {@code ferry-} + a fake {@code ilindgren} + {@code .} + the {@link UniqueCode} of the canonical username
     * (CODE alone after the prefix when that would exceed 64 characters).
     */
    String username(String value) {
        String canonical = Canonical.of(Canonical.Form.USERNAME, value);
        long seed = keys.seeds.seed(DataType.USERNAME.name(), 0, canonical);
        String first = Letters.asciiLetters(fakers.generate(FakeProvider.FIRST_NAME, seed));
        String last = Letters.asciiLetters(fakers.generate(FakeProvider.LAST_NAME, seed ^ 0x5DEECE66DL));
        String base = (first.isEmpty() ? "" : first.substring(0, 1)) + last;
        if (base.length() > MAX_USER_BASE) {
            base = base.substring(0, MAX_USER_BASE);
        }
        String code = usernameCodes.code(canonical);
        String prefix = idPrefix.toLowerCase(Locale.ROOT);
        return prefix + (base.isEmpty() || prefix.length() + base.length() + 1 + code.length() > MAX_LOCAL_PART
                ? code : base + "." + code);
    }

    /**
     * The prefix and the id encrypted in its own alphabet: digits stay digits (FF1 radix 10), letters and digits
     * stay letters and digits with at least one letter (FF1 radix 36 restricted by cycle walking), so the length
     * is kept and distinct ids stay distinct. Ids with other characters get {@code X-} and their
     * {@link UniqueCode}: the {@code -} keeps the three forms apart.
     */
    String stateId(String value) {
        String canonical = Canonical.identifier(value);
        if (!canonical.isEmpty() && isAscii(canonical, false)) {
            byte[] digits = new byte[canonical.length()];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = (byte) (canonical.charAt(i) - '0');
            }
            idDigits.encrypt(digits);
            StringBuilder out = new StringBuilder(idPrefix);
            for (byte d : digits) {
                out.append((char) ('0' + d));
            }
            return out.toString();
        }
        if (!canonical.isEmpty() && isAscii(canonical, true)) {
            byte[] digits = new byte[canonical.length()];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = (byte) Character.digit(canonical.charAt(i), 36);
            }
            idAlphanumerics.encryptWithin(digits, FakeValues::hasLetter);
            return idPrefix + UniqueCode.render(digits).toUpperCase(Locale.ROOT);
        }
        return idPrefix + "X-" + idCodes.code(canonical).toUpperCase(Locale.ROOT);
    }

    /** Digits only ({@code letters} false), or {@code 0-9A-Z} with at least one letter ({@code letters} true). */
    private static boolean isAscii(String canonical, boolean letters) {
        boolean letter = false;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letters == letter;
    }

    private static boolean hasLetter(byte[] digits) {
        for (byte d : digits) {
            if (d >= 10) {
                return true;
            }
        }
        return false;
    }

    // ---- reserved ranges: phones, SSNs, IP addresses ----

    /**
     * {@code 1 NPA 555 01xx}: the source's area code when it is a NANP number, else one from the seed; written in
     * the source's own format when it has 10 digits (or 11 with the country code), else as E.164 {@code +1NPA55501xx}.
     */
    private String phone(FieldRule rule, String value) {
        String canonical = Canonical.phone(value);
        return Draws.differing(rule, canonical, counter -> {
            long seed = keys.seeds.seed(DataType.PHONE.name(), counter, canonical);
            String npa;
            if (canonical.length() == 11 && canonical.charAt(0) == '1' && canonical.charAt(1) >= '2') {
                npa = canonical.substring(1, 4);
            } else {
                int a = 2 + (int) Long.remainderUnsigned(seed >>> 32, 8);
                int b = (int) Long.remainderUnsigned(seed >>> 40, 9);
                int c = (int) Long.remainderUnsigned(seed >>> 48, 10);
                npa = "" + a + b + (b == 1 && c == 1 ? 0 : c); // no N11 service codes
            }
            String line = Digits.padded(Long.remainderUnsigned(seed, 100), 2);
            String digits = "1" + npa + "55501" + line;
            String sourceDigits = Canonical.digits(value);
            if (sourceDigits.length() == 10) {
                return substituteDigits(value, digits.substring(1));
            }
            if (sourceDigits.length() == 11 && sourceDigits.charAt(0) == '1') {
                return substituteDigits(value, digits);
            }
            return "+" + digits;
        });
    }

    /** Area number 000 (never issued), a group and serial from the seed, in the source's format when it has 9 digits. */
    private String ssn(FieldRule rule, String value) {
        String canonical = Canonical.digits(value);
        return Draws.differing(rule, canonical, counter -> {
            long seed = keys.seeds.seed(DataType.SSN.name(), counter, canonical);
            String digits = "000" + Digits.padded(Long.remainderUnsigned(seed, 1_000_000), 6);
            return canonical.length() == 9 ? substituteDigits(value, digits)
                    : digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        });
    }

    /**
     * IPv4: a host of 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24; IPv6: an address in 2001:db8::/32. A network
     * mask of the source ({@code /24}) is kept.
     */
    private String ip(FieldRule rule, String value) {
        String canonical = Canonical.ip(value);
        int slash = canonical.indexOf('/');
        String mask = slash < 0 ? "" : canonical.substring(slash);
        boolean v6 = canonical.indexOf(':') >= 0;
        return Draws.differing(rule, canonical, counter -> {
            long seed = keys.seeds.seed(DataType.IP.name(), counter, canonical);
            if (v6) {
                StringBuilder out = new StringBuilder("2001:db8");
                long bits = seed;
                for (int i = 0; i < 6; i++) {
                    long group = i < 4 ? bits >>> (16 * i) & 0xFFFF
                            : keys.seeds.seed(DataType.IP.name(), counter, canonical + "#" + i) & 0xFFFF;
                    out.append(':').append(Long.toHexString(group));
                }
                return out + mask;
            }
            String net = TEST_NETS[(int) Long.remainderUnsigned(seed >>> 32, TEST_NETS.length)];
            return net + (1 + Long.remainderUnsigned(seed, 254)) + mask;
        });
    }

    /** The source with its ASCII digits replaced, in order, by {@code digits} (as many as the source has). */
    static String substituteDigits(String source, String digits) {
        StringBuilder out = new StringBuilder(source.length());
        int k = 0;
        String s = source.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= '0' && c <= '9' ? digits.charAt(k++) : c);
        }
        return out.toString();
    }
}
