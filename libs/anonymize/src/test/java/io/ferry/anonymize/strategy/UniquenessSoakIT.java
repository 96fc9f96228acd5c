package io.ferry.anonymize.strategy;

import org.junit.jupiter.api.Test;

/**
 * A million distinct emails, usernames and state ids give a million distinct outputs, all in range and none equal
 * to its input. Runs only under {@code -Psoak} (4 to 10 s a type on a quiet machine, two to three times that on a
 * busy one); {@link UniquenessTest} does 100,000 (and the million decimal state ids).
 */
class UniquenessSoakIT {

    private static final int N = 1_000_000;

    private final Anonymizer anonymizer = Fixtures.anonymizer();

    @Test
    void aMillionEmails() {
        UniquenessTest.assertUniqueAndReserved(anonymizer, DataType.EMAIL, Inputs::email, N);
    }

    @Test
    void aMillionUsernames() {
        UniquenessTest.assertUniqueAndReserved(anonymizer, DataType.USERNAME, Inputs::username, N);
    }

    @Test
    void aMillionStateIds() {
        UniquenessTest.assertUniqueAndReserved(anonymizer, DataType.STATE_ID, Inputs::stateId, N);
    }

    @Test
    void aMillionAlphanumericStateIds() {
        UniquenessTest.assertUniqueAndReserved(anonymizer, DataType.STATE_ID, Inputs::alphanumericId, N);
    }
}
