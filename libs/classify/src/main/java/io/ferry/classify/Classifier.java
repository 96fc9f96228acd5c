package io.ferry.classify;

import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.FieldClassifier;
import io.ferry.anonymize.classify.FieldClassifier.Context;
import io.ferry.anonymize.classify.FieldClassifier.TypeClass;
import io.ferry.anonymize.classify.NameTokens;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a field looks personal, and as which type: the anonymizer's {@link FieldClassifier} (names,
 * context, declared types, emails, phones, SSNs and free text in the values) first, then what it leaves
 * out:
 * <ol>
 * <li>Names: passwords and other secrets ({@code password}, {@code password_hash}, {@code client_secret},
 *     whatever their declared type) are {@code secret.password_hash}; photos of people ({@code photo},
 *     {@code picture}, {@code avatar}, ... in a person's table, or {@code student_photo}) are
 *     {@code person.photo}; a person's UUID ({@code person_uuid}, {@code user_guid}, or {@code uuid} in a
 *     person's table) is {@code person.uuid}.</li>
 * <li>Patterns with checksums, when the name says nothing personal: at least half of the samples are
 *     payment card numbers (an issuer's prefix and length and the Luhn check digit:
 *     {@code payment.card_number}) or IBANs (mod 97: {@code bank.iban}).</li>
 * <li>Name dictionaries, when the name says nothing personal and the table is not one of things: at least
 *     80 % of the samples are first names, last names or first-and-last names of the dictionary, with at
 *     least five distinct ones and one in five samples distinct (a column of five colours that happen to
 *     be surnames is not a column of people).</li>
 * </ol>
 * Pure: no I/O; a reason names the signal and counts, never a sampled value.
 */
public final class Classifier {

    /** A photo of a person: no default strategy in the anonymizer, proposed with {@code redact}. */
    public static final String PHOTO = "person.photo";
    /** A payment card number: proposed with {@code fpe} (digits, separators kept). */
    public static final String CARD_NUMBER = "payment.card_number";
    /** An IBAN: proposed with {@code fpe} (digits; the country and bank letters kept). */
    public static final String IBAN = "bank.iban";
    static final String SECRET = "secret.password_hash";
    static final String UUID = "person.uuid";

    /** Shares of the samples that decide, as in {@link FieldClassifier}. */
    static final double VALUE_SHARE = 0.5;
    static final double NAME_SHARE = 0.8;
    /** Distinct dictionary names a column needs at least, and the share of distinct values among the samples. */
    static final int MIN_DISTINCT_NAMES = 5;
    static final double MIN_DISTINCT_SHARE = 0.2;

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "passphrase", "passcode",
            "secret");
    /** What a secret's name may end in besides the secret word: its stored forms. */
    private static final Set<String> SECRET_FORMS = Set.of("hash", "hashed", "digest", "crypt", "encrypted", "enc",
            "salt", "bcrypt", "md5", "sha1", "sha256", "value");
    private static final Set<String> PHOTO_WORDS = Set.of("photo", "photograph", "picture", "pic", "avatar",
            "portrait", "headshot", "selfie", "mugshot", "image", "img");
    private static final Set<String> UUID_WORDS = Set.of("uuid", "guid");

    private Classifier() {
    }

    /**
     * @param samples non-null values of the field as text (empty: the name and declared type decide)
     */
    public static Classification classify(Field field, List<String> samples) {
        List<String> values = samples == null ? List.of() : samples;
        FieldClassifier.Verdict base = FieldClassifier.classify(field, values);
        if (base.personal()) {
            return Classification.of(base);
        }
        TypeClass type = FieldClassifier.typeClass(field.kind() == Field.Kind.JSON_PATH ? "json" : field.declaredType());
        Context context = FieldClassifier.context(field);
        List<String> tokens = NameTokens.of(field.leafName());
        String name = "name '" + field.leafName() + "'";
        Classification byName = byName(tokens, type, context, name);
        if (byName != null) {
            return byName;
        }
        if (!FieldClassifier.isText(type) || values.isEmpty()) {
            return Classification.of(base);
        }
        Classification byValues = byChecksum(values);
        if (byValues == null && context != Context.THING) {
            byValues = byDictionary(values);
        }
        return byValues != null ? byValues : Classification.of(base);
    }

    private static Classification byName(List<String> t, TypeClass type, Context context, String name) {
        if (t.isEmpty()) {
            return null;
        }
        String last = t.get(t.size() - 1);
        boolean textOrBinary = FieldClassifier.isText(type) || type == TypeClass.BINARY;
        if (textOrBinary && t.stream().anyMatch(SECRET_WORDS::contains)
                && (SECRET_WORDS.contains(last) || SECRET_FORMS.contains(last))) {
            return Classification.personal(SECRET, Strategies.defaultFor(SECRET), Classification.Basis.NAME,
                    name + " reads as a password or another secret");
        }
        boolean personWord = t.stream().anyMatch(FieldClassifier.PERSON_WORDS::contains);
        if (textOrBinary && PHOTO_WORDS.contains(last) && (context == Context.PERSON || personWord)) {
            return Classification.personal(PHOTO, Strategies.defaultFor(PHOTO), Classification.Basis.NAME,
                    name + " reads as a photo of a person");
        }
        boolean uuidType = type == TypeClass.UUID || FieldClassifier.isText(type);
        if (uuidType && UUID_WORDS.contains(last) && ((t.size() == 1 && context == Context.PERSON)
                || (t.size() == 2 && FieldClassifier.PERSON_WORDS.contains(t.get(0))))) {
            return Classification.personal(UUID, Strategies.defaultFor(UUID), Classification.Basis.NAME,
                    name + " reads as a person's UUID, an identifier shared with other systems");
        }
        return null;
    }

    private static Classification byChecksum(List<String> values) {
        int n = values.size();
        long cards = values.stream().filter(Checksums::isCardNumber).count();
        if (cards > 0 && cards >= VALUE_SHARE * n) {
            return Classification.personal(CARD_NUMBER, Strategies.defaultFor(CARD_NUMBER), Classification.Basis.CHECKSUM,
                    cards + " of " + n + " samples are payment card numbers (issuer prefix, length and Luhn check digit)");
        }
        long ibans = values.stream().filter(Checksums::isIban).count();
        if (ibans > 0 && ibans >= VALUE_SHARE * n) {
            return Classification.personal(IBAN, Strategies.defaultFor(IBAN), Classification.Basis.CHECKSUM,
                    ibans + " of " + n + " samples are IBANs (mod-97 check digits)");
        }
        return null;
    }

    private static Classification byDictionary(List<String> values) {
        NameDictionary names = NameDictionary.get();
        int n = values.size();
        long first = 0;
        long last = 0;
        long full = 0;
        Set<String> distinctFirst = new HashSet<>();
        Set<String> distinctLast = new HashSet<>();
        Set<String> distinctFull = new HashSet<>();
        for (String v : values) {
            String s = v.strip();
            if (s.isEmpty() || s.chars().anyMatch(Character::isDigit)) {
                continue;
            }
            String[] words = s.split("\\s+");
            String key = NameDictionary.canonical(s);
            if (words.length == 1) {
                if (names.isFirstName(words[0])) {
                    first++;
                    distinctFirst.add(key);
                }
                if (names.isLastName(words[0])) {
                    last++;
                    distinctLast.add(key);
                }
            } else if (words.length <= 4 && fullName(words, names)) {
                full++;
                distinctFull.add(key);
            }
        }
        if (enough(full, distinctFull.size(), n)) {
            return dictionary("person.full_name", full, n, "first and last names");
        }
        boolean firsts = enough(first, distinctFirst.size(), n);
        boolean lasts = enough(last, distinctLast.size(), n);
        if (firsts && (!lasts || first >= last)) {
            return dictionary("person.first_name", first, n, "first names");
        }
        return lasts ? dictionary("person.last_name", last, n, "last names") : null;
    }

    /** {@code First [Middle] Last} or {@code Last, First [Middle]}; a middle word may be an initial. */
    private static boolean fullName(String[] words, NameDictionary names) {
        String head = words[0];
        if (head.endsWith(",")) {
            return names.isLastName(head.substring(0, head.length() - 1)) && names.isFirstName(words[1]);
        }
        return names.isFirstName(head) && names.isLastName(words[words.length - 1]);
    }

    private static boolean enough(long matches, int distinct, int n) {
        return matches >= NAME_SHARE * n && distinct >= MIN_DISTINCT_NAMES && distinct >= MIN_DISTINCT_SHARE * n;
    }

    private static Classification dictionary(String type, long matches, int n, String what) {
        return Classification.personal(type, Strategies.defaultFor(type), Classification.Basis.DICTIONARY,
                matches + " of " + n + " samples are " + what + " of the name dictionary");
    }
}
