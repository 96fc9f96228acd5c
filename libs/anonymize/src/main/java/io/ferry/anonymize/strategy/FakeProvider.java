package io.ferry.anonymize.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import net.datafaker.Faker;

/**
 * The Datafaker providers Ferry uses: an allow-list. Each one is shown deterministic by
 * {@code FakeProviderDeterminismTest}: the same seed gives the same value in this JVM, in a second JVM with
 * another default locale and time zone, and in any order. Providers that read the clock ("now"), a global random
 * source or the default locale are not on the list. Adding one means adding it here; the test then covers it.
 */
enum FakeProvider {
    FIRST_NAME("name.first_name", f -> f.name().firstName()),
    LAST_NAME("name.last_name", f -> f.name().lastName()),
    STREET_ADDRESS("address.street_address", f -> f.address().streetAddress()),
    CITY("address.city", f -> f.address().city()),
    ZIP_CODE("address.zip_code", f -> f.address().zipCode()),
    STATE_ABBR("address.state_abbr", f -> f.address().stateAbbr()),
    COMPANY_NAME("company.name", f -> f.company().name());

    /** The locale every Faker is built with; never the JVM's default. */
    static final Locale LOCALE = Locale.US;

    private final String specName;
    private final Function<Faker, String> generator;

    FakeProvider(String specName, Function<Faker, String> generator) {
        this.specName = specName;
        this.generator = generator;
    }

    /** The name a rule writes after {@code fake:}. */
    String specName() {
        return specName;
    }

    String generate(Faker faker) {
        return generator.apply(faker);
    }

    static Optional<FakeProvider> fromSpecName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.specName.equals(n)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(FakeProvider::specName).collect(Collectors.joining(", "));
    }
}
