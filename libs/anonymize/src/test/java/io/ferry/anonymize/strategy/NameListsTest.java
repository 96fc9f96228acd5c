package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

class NameListsTest {

    private static final int SEEDS = 200_000;

    /** The shortcut gives Datafaker's own name for every seed, and the draws cover both lists. */
    @Test
    void drawsTheNamesDatafakerDrawsForTheSameSeed() {
        FastRandom random = new FastRandom();
        Faker faker = new Faker(FakeProvider.LOCALE, random);
        NameLists names = NameLists.of(faker);
        Set<String> firsts = new HashSet<>();
        for (long i = 0; i < SEEDS; i++) {
            long seed = i * 0x9E3779B97F4A7C15L ^ (i << 17);
            random.setSeed(seed);
            String expected = faker.name().firstName();
            random.setSeed(seed);
            assertThat(names.firstName(random)).as("first name, seed %d", seed).isEqualTo(expected);
            firsts.add(expected);
            random.setSeed(seed);
            String expectedLast = faker.name().lastName();
            random.setSeed(seed);
            assertThat(names.lastName(random)).as("last name, seed %d", seed).isEqualTo(expectedLast);
        }
        // female and male names both came up: a shortcut that read one list only would have failed above
        assertThat(firsts).contains("Abigail", "Aaron").hasSizeGreaterThan(5_000);
    }

    /** The pool's names are the shortcut's, other providers still Datafaker's. */
    @Test
    void thePoolGivesDatafakersValues() {
        FastRandom random = new FastRandom();
        Faker faker = new Faker(FakeProvider.LOCALE, random);
        for (long seed = 1; seed < 2_000; seed++) {
            for (FakeProvider p : FakeProvider.values()) {
                random.setSeed(seed);
                assertThat(FakerPool.SHARED.generate(p, seed)).as("%s, seed %d", p, seed).isEqualTo(p.generate(faker));
            }
        }
    }
}
