package io.ferry.anonymize.strategy;

import static io.ferry.anonymize.strategy.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

/**
 * Unique source values stay unique: 100,000 distinct emails, usernames and alphanumeric state ids (a million
 * decimal state ids) give as many distinct outputs, every one in its reserved range and none equal to its input.
 * {@code UniquenessSoakIT} does a million of each.
 */
class UniquenessTest {

    static final int N = 100_000;

    private final Anonymizer anonymizer = Fixtures.anonymizer();

    @Test
    void emails() {
        assertUniqueAndReserved(DataType.EMAIL, Inputs::email, N);
    }

    @Test
    void usernames() {
        assertUniqueAndReserved(DataType.USERNAME, Inputs::username, N);
    }

    /** A million: under 5 s (FF1 on ten digits), so it runs with the unit tests. */
    @Test
    void aMillionStateIds() {
        assertUniqueAndReserved(DataType.STATE_ID, Inputs::stateId, 1_000_000);
    }

    @Test
    void alphanumericStateIds() {
        assertUniqueAndReserved(DataType.STATE_ID, Inputs::alphanumericId, N);
    }

    @Test
    void phonesStayInTheFictionalRange() {
        FieldRule rule = FieldRule.of(DataType.PHONE);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < N; i++) {
            String phone = Inputs.phone(random);
            String fake = anonymizer.apply(rule, phone);
            assertThat(anonymizer.inReservedRange(DataType.PHONE, fake)).as("generated phone %d", i).isTrue();
            assertThat(Canonical.phone(fake)).isNotEqualTo(Canonical.phone(phone));
        }
    }

    @Test
    void fpeIsInjectiveOnDigits() {
        FieldRule rule = rule("student.state_id", "fpe");
        Set<String> out = new HashSet<>();
        for (int i = 0; i < N; i++) {
            String id = Inputs.stateId(i).replace("-", "");
            String fake = anonymizer.apply(rule, id);
            assertThat(fake).hasSize(10).isNotEqualTo(id);
            out.add(fake);
        }
        assertThat(out).hasSize(N);
    }

    /** Distinct canonical inputs → distinct outputs, in range, never the input. */
    static void assertUniqueAndReserved(Anonymizer anonymizer, DataType type, IntFunction<String> input, int n) {
        FieldRule rule = FieldRule.of(type);
        Set<String> canonicalInputs = new HashSet<>(n * 2);
        Set<String> outputs = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            String value = input.apply(i);
            String fake = anonymizer.apply(rule, value);
            if (!canonicalInputs.add(type.canonical(value))) {
                throw new AssertionError("the test's inputs repeat at " + i);
            }
            outputs.add(type.canonical(fake));
            if (!anonymizer.inReservedRange(type, fake)) {
                throw new AssertionError(type + ": generated value " + i + " is outside the reserved range");
            }
            if (type.canonical(fake).equals(type.canonical(value))) {
                throw new AssertionError(type + ": generated value " + i + " equals its input");
            }
        }
        assertThat(outputs).as("distinct %s outputs", type).hasSize(n);
    }

    private void assertUniqueAndReserved(DataType type, IntFunction<String> input, int n) {
        assertUniqueAndReserved(anonymizer, type, input, n);
    }
}
