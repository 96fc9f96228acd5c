package io.ferry.classify;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.datafaker.Faker;

/**
 * First and last names, from the name lists Datafaker ships for US, British, Canadian, Australian, New
 * Zealand and South African English and Mexican Spanish (about 6,000 first names and 1,500 last names),
 * compared case-insensitively in Unicode NFC. Datafaker's last names are not census lists: they cover the
 * commonest surnames only in part, so a last-name column is mostly known by its name. Loaded once, on
 * first use.
 */
final class NameDictionary {

    static final List<String> LOCALES = List.of("en", "en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-ZA", "es-MX");

    private final Set<String> first;
    private final Set<String> last;

    private NameDictionary(Set<String> first, Set<String> last) {
        this.first = Set.copyOf(first);
        this.last = Set.copyOf(last);
    }

    private static final class Holder {
        static final NameDictionary LISTS = load();
    }

    static NameDictionary get() {
        return Holder.LISTS;
    }

    private static NameDictionary load() {
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        for (String tag : LOCALES) {
            Faker faker = new Faker(Locale.forLanguageTag(tag));
            for (String key : List.of("name.male_first_name", "name.female_first_name", "name.first_name")) {
                add(faker, key, first);
            }
            add(faker, "name.last_name", last);
        }
        if (first.size() < 1000 || last.size() < 1000) {
            throw new IllegalStateException("Datafaker's name lists are missing or short (" + first.size()
                    + " first names, " + last.size() + " last names)");
        }
        return new NameDictionary(first, last);
    }

    /** The list under {@code key}, without the expressions ({@code #{female_first_name}}) that refer to others. */
    private static void add(Faker faker, String key, Set<String> into) {
        Object list = faker.fakeValuesService().fetchObject(key, faker.getContext());
        if (list instanceof List<?> names) {
            for (Object n : names) {
                if (n instanceof String name && !name.contains("#{") && !name.isBlank()) {
                    into.add(canonical(name));
                }
            }
        }
    }

    static String canonical(String word) {
        return Normalizer.normalize(word.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    boolean isFirstName(String word) {
        return first.contains(canonical(word));
    }

    boolean isLastName(String word) {
        return last.contains(canonical(word));
    }

    int firstNames() {
        return first.size();
    }

    int lastNames() {
        return last.size();
    }
}
