package io.ferry.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ContractViolation;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunIdTest {

    @Test
    void formatsUtcSecondsAndAThreeDigitSequence() {
        RunId id = RunId.of(Instant.parse("2026-11-21T06:00:00.987Z"), 1);

        assertThat(id.toString()).isEqualTo("mig-20261121060000-001");
        assertThat(id.requestedAt()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
    }

    @Test
    void parsesWhatItFormats() {
        RunId id = RunId.parse("mig-20261231235959-042");

        assertThat(id.requestedAt()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(id.sequence()).isEqualTo(42);
        assertThat(RunId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void idsSortByTimeAsText() {
        String earlier = RunId.of(Instant.parse("2026-11-21T06:00:00Z"), 999).toString();
        String later = RunId.of(Instant.parse("2026-11-21T06:00:01Z"), 0).toString();

        assertThat(earlier).isLessThan(later);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mig-20261121060000-1", "mig-2026112106000-001", "MIG-20261121060000-001",
        "mig-20261121060000-001 ", "run-20261121060000-001", "mig-20261121060000-0001"})
    void refusesMalformedIdsWithoutQuotingThem(String text) {
        assertThatThrownBy(() -> RunId.parse(text))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("run id must look like mig-{yyyyMMddHHmmss}-{NNN}, e.g. mig-20261121060000-001");
        assertThat(RunId.isValid(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mig-20261321060000-001", "mig-20260230060000-001", "mig-20261121250000-001"})
    void refusesImpossibleTimes(String text) {
        assertThatThrownBy(() -> RunId.parse(text))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("run id: yyyyMMddHHmmss part is not a valid UTC date and time");
    }

    @Test
    void refusesSequencesOutsideThreeDigits() {
        Instant now = Instant.parse("2026-11-21T06:00:00Z");

        assertThatThrownBy(() -> RunId.of(now, 1000)).hasMessage("run id: sequence must be 0 to 999");
        assertThatThrownBy(() -> RunId.of(now, -1)).hasMessage("run id: sequence must be 0 to 999");
        assertThatThrownBy(() -> RunId.parse(null)).hasMessage("run id is missing");
    }

    @Test
    void aRunIdIsAsciiWhateverTheJvmsLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertThat(RunId.of(Instant.parse("2026-11-21T06:00:00Z"), 7).toString()).isEqualTo("mig-20261121060000-007");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
