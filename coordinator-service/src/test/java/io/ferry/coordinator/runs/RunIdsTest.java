package io.ferry.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    private static final Instant AT = Instant.parse("2026-11-23T15:04:05.900Z");

    @Test
    void theFirstRunOfASecondIsOneAndEachNextTheOneAfterTheHighestTaken() {
        assertThat(RunIds.next(AT, Optional.empty())).isEqualTo("mig-20261123150405-001");
        assertThat(RunIds.next(AT, Optional.of("mig-20261123150405-041"))).isEqualTo("mig-20261123150405-042");
        assertThat(RunIds.prefix(AT)).isEqualTo("mig-20261123150405-");
    }

    @Test
    void aThousandthRunInOneSecondIsRefused() {
        assertThatThrownBy(() -> RunIds.next(AT, Optional.of("mig-20261123150405-999")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("999");
    }

    @Test
    void aRunIdIsAsciiWhateverTheJvmsLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertThat(RunIds.next(AT, Optional.empty())).isEqualTo("mig-20261123150405-001");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
