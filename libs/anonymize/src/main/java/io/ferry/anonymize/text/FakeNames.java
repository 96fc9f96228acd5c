package io.ferry.anonymize.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * The name lists replacements are picked from: Datafaker's first and last name lists (the YAML lists, not
 * its random generators) of a fixed set of locales, kept when they are one plain ASCII word of 3 to 12
 * letters, de-duplicated and sorted. The order therefore depends only on the Datafaker version, never on a
 * random source, the JVM or the default locale, so a keyed pick is stable across JVMs.
 *
 * <p>Several locales are merged because a district's dictionary can hold most of one locale's list (the
 * sample estate draws its names from Datafaker's US lists): a pick that is itself a district name is skipped,
 * so the lists must be much larger than a district's set of names.
 */
final class FakeNames {

    /** Locales whose lists are merged; English first so that classification prefers it. */
    private static final List<String> LOCALES = List.of("en", "en-GB", "en-AU", "en-ZA", "de", "fr", "es", "it", "nl",
            "sv", "nb-NO", "da-DK", "pl", "pt-BR", "fi-FI");
    /** The English-speaking locales: their names are tried first, so that most replacements read naturally. */
    private static final Set<String> ENGLISH = Set.of("en", "en-GB", "en-AU", "en-ZA");
    private static final Pattern PLAIN = Pattern.compile("[A-Z][a-z]{2,11}");

    private static final class Holder {
        static final FakeNames INSTANCE = new FakeNames();
    }

    /** First names of the English-speaking locales, then of all locales. */
    final List<String> firstEnglish;
    final List<String> first;
    /** Last names of the English-speaking locales, then of all locales. */
    final List<String> lastEnglish;
    final List<String> last;
    /** Canonical (lower-case) forms of the English first names: the tokens replaced by a first name. */
    private final Set<String> knownFirst;

    private FakeNames() {
        TreeSet<String> f = new TreeSet<>();
        TreeSet<String> l = new TreeSet<>();
        TreeSet<String> fe = new TreeSet<>();
        TreeSet<String> le = new TreeSet<>();
        Set<String> enFirst = new HashSet<>();
        for (String tag : LOCALES) {
            Faker faker = new Faker(Locale.forLanguageTag(tag));
            for (String key : List.of("name.first_name", "name.male_first_name", "name.female_first_name")) {
                for (String v : list(faker, key)) {
                    if (PLAIN.matcher(v).matches()) {
                        f.add(v);
                        if (ENGLISH.contains(tag)) {
                            fe.add(v);
                        }
                    }
                    if (tag.equals("en")) {
                        enFirst.add(Canonical.word(v));
                    }
                }
            }
            for (String v : list(faker, "name.last_name")) {
                if (PLAIN.matcher(v).matches()) {
                    l.add(v);
                    if (ENGLISH.contains(tag)) {
                        le.add(v);
                    }
                }
            }
        }
        first = List.copyOf(f);
        last = List.copyOf(l);
        firstEnglish = List.copyOf(fe);
        lastEnglish = List.copyOf(le);
        knownFirst = Set.copyOf(enFirst);
    }

    static FakeNames get() {
        return Holder.INSTANCE;
    }

    /** Whether a canonical token reads as a first name (it is on Datafaker's English first-name lists). */
    boolean isFirstName(String canonical) {
        return knownFirst.contains(canonical);
    }

    private static List<String> list(Faker faker, String key) {
        Object o;
        try {
            o = faker.fakeValuesService().fetchObject(key, faker.getContext());
        } catch (RuntimeException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> values) {
            for (Object v : values) {
                if (v instanceof String s) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
