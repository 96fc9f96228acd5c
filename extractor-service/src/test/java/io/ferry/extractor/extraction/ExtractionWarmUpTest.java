package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.service.RawKeySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionWarmUpTest {

    @Test
    void writesEveryRoundsBatchesAndKeySetsClassifiesThePeopleAndLeavesNothingBehind(@TempDir Path dir) {
        Path folder = dir.resolve("warm-up");
        ExtractionSettings settings = new ExtractionSettings(dir.resolve("staging"), 2, Duration.ofMinutes(1),
                Duration.ofMinutes(5), 700, 64L << 20, 32L << 20, 2,
                new RawKeySource("ferry.extractor.raw-key", Optional.empty(), Optional.empty(), 1));

        ExtractionWarmUp.Result r = new ExtractionWarmUp(folder, settings).run(1_000, 2);

        assertThat(r.rows()).isEqualTo(2_000);
        // 1,000 rows in batches of at most 700: two table and two label batches a round
        assertThat(r.batches()).isEqualTo(8);
        // every id, and the distinct usernames
        assertThat(r.keys()).isGreaterThan(2 * 1_000 + 2 * 900);
        assertThat(r.fieldsClassified()).isEqualTo(14);
        // names, birth date, email, phone, state id, contact, username, password hash, IP address and free text
        assertThat(r.personal()).isGreaterThanOrEqualTo(9);
        // five tokens or more a person (an email is split into its parts)
        assertThat(r.tokens()).isGreaterThan(5 * 1_000);
        assertThat(folder).doesNotExist();
        assertThat(dir.resolve("staging")).doesNotExist();
    }
}
