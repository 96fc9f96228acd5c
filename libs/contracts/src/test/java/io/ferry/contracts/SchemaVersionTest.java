package io.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaVersionTest {

    @Test
    void currentVersionIsOnePointZero() {
        assertThat(SchemaVersion.CURRENT).isEqualTo("1.0");
        assertThat(SchemaVersion.major(SchemaVersion.CURRENT)).isEqualTo(1);
    }

    @Test
    void acceptsSameMajorWithAnyMinorAndOlderMajors() {
        assertThat(SchemaVersion.isSupported("1.0")).isTrue();
        assertThat(SchemaVersion.isSupported("1.7")).isTrue();
        assertThat(SchemaVersion.isSupported("0.9")).isTrue();
    }

    @Test
    void refusesANewerMajor() {
        assertThat(SchemaVersion.isSupported("2.0")).isFalse();
        assertThat(SchemaVersion.isSupported("10.3")).isFalse();
    }

    @Test
    void refusesMissingOrMalformedVersions() {
        assertThat(SchemaVersion.isSupported(null)).isFalse();
        assertThat(SchemaVersion.isSupported("")).isFalse();
        assertThat(SchemaVersion.isSupported("1")).isFalse();
        assertThat(SchemaVersion.isSupported("v1.0")).isFalse();
        assertThat(SchemaVersion.isSupported("01.0")).isFalse();
        assertThatThrownBy(() -> SchemaVersion.major("one.zero"))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("schema version must look like MAJOR.MINOR, e.g. 1.0");
    }
}
