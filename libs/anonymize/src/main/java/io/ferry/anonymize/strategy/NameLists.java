package io.ferry.anonymize.strategy;

import java.util.List;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Datafaker's first and last names drawn the way its resolver draws them, without the resolver. Its
 * {@code name.first_name} is the list {@code #{female_first_name}, #{male_first_name}}: one draw picks the
 * expression, which the resolver then looks up by reflection and answers with a second draw from that list;
 * {@code name.last_name} is a plain list and one draw. That resolution was about a twelfth of the anonymizer's CPU.
 * {@code NameListsTest} holds the two ways equal over many seeds, so a Datafaker upgrade that changes the lists or
 * the draws fails there, not silently in the output.
 */
final class NameLists {

    private final List<String> female;
    private final List<String> male;
    private final List<String> last;

    private NameLists(List<String> female, List<String> male, List<String> last) {
        this.female = List.copyOf(female);
        this.male = List.copyOf(male);
        this.last = List.copyOf(last);
    }

    /** The lists of {@code faker}'s locale, as its resolver reads them. */
    static NameLists of(Faker faker) {
        return new NameLists(list(faker, "name.female_first_name"), list(faker, "name.male_first_name"),
                list(faker, "name.last_name"));
    }

    private static List<String> list(Faker faker, String key) {
        List<String> values = faker.fakeValuesService().fetchObject(key, faker.getContext());
        if (values == null || values.size() < 2 || values.stream().anyMatch(v -> v.contains("#{"))) {
            throw new IllegalStateException("Datafaker's " + key + " is not a plain list of names any more");
        }
        return values;
    }

    /** What {@code faker.name().firstName()} gives over {@code random} in its current state. */
    String firstName(Random random) {
        List<String> names = random.nextInt(2) == 0 ? female : male;
        return names.get(random.nextInt(names.size()));
    }

    /** What {@code faker.name().lastName()} gives over {@code random} in its current state. */
    String lastName(Random random) {
        return last.get(random.nextInt(last.size()));
    }
}
