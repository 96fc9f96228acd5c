package io.ferry.anonymize.strategy;

import java.util.List;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Datafaker's street addresses drawn the way its resolver draws them, without the resolver (as {@link NameLists}
 * does for names). {@code address.street_address} is {@code #{Address.buildingNumber} #{Address.streetName}}: a
 * building number format of {@code #} only, each run of up to nine of them filled from one draw below 10^(run + 1)
 * written from its lowest digit; then one of two street names, a first or a last name and a suffix. The resolver
 * finds each of those by reflection, which made street addresses about a twentieth of the anonymizer's CPU.
 * {@code StreetAddressesTest} holds the two ways equal over many seeds, and {@link #of} refuses lists of another
 * shape, so a Datafaker upgrade that changes them fails there instead of changing the output silently.
 */
final class StreetAddresses {

    private static final List<String> STREET_ADDRESS = List.of("#{Address.buildingNumber} #{Address.streetName}");
    private static final List<String> STREET_NAME = List.of("#{Name.first_name} #{Address.streetSuffix}",
            "#{Name.last_name} #{Address.streetSuffix}");
    private static final int MAX_RUN = 9; // Datafaker fills at most nine # from one draw

    private final NameLists names;
    private final List<String> buildingNumbers;
    private final List<String> suffixes;

    private StreetAddresses(NameLists names, List<String> buildingNumbers, List<String> suffixes) {
        this.names = names;
        this.buildingNumbers = List.copyOf(buildingNumbers);
        this.suffixes = List.copyOf(suffixes);
    }

    /** The lists of {@code faker}'s locale, as its resolver reads them; refused where their shape changed. */
    static StreetAddresses of(Faker faker, NameLists names) {
        expect(faker, "address.street_address", STREET_ADDRESS);
        expect(faker, "address.street_name", STREET_NAME);
        List<String> numbers = list(faker, "address.building_number");
        if (numbers.stream().anyMatch(n -> n.isEmpty() || n.length() > MAX_RUN || !n.chars().allMatch(c -> c == '#'))) {
            throw changed("address.building_number");
        }
        List<String> suffixes = list(faker, "address.street_suffix");
        if (suffixes.stream().anyMatch(s -> s.contains("#") || s.contains("?"))) {
            throw changed("address.street_suffix");
        }
        return new StreetAddresses(names, numbers, suffixes);
    }

    private static void expect(Faker faker, String key, List<String> expected) {
        if (!expected.equals(list(faker, key))) {
            throw changed(key);
        }
    }

    private static List<String> list(Faker faker, String key) {
        List<String> values = faker.fakeValuesService().fetchObject(key, faker.getContext());
        if (values == null || values.isEmpty()) {
            throw changed(key);
        }
        return values;
    }

    private static IllegalStateException changed(String key) {
        return new IllegalStateException("Datafaker's " + key + " is not the list StreetAddresses draws from any more");
    }

    /** What {@code faker.address().streetAddress()} gives over {@code random} in its current state. */
    String streetAddress(Random random) {
        // the single street_address format is fetched without a draw
        int digits = buildingNumbers.get(random.nextInt(buildingNumbers.size())).length();
        int bound = 10;
        for (int i = 0; i < digits; i++) {
            bound *= 10;
        }
        int n = random.nextInt(bound);
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < digits; i++, n /= 10) {
            out.append((char) ('0' + n % 10));
        }
        out.append(' ');
        out.append(random.nextInt(STREET_NAME.size()) == 0 ? names.firstName(random) : names.lastName(random));
        out.append(' ').append(suffixes.get(random.nextInt(suffixes.size())));
        return out.toString();
    }
}
