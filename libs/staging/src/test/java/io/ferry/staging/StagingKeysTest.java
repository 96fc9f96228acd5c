package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StagingKeysTest {

    @Test
    void aRelativePathIsAKey() {
        assertThat(StagingKeys.requireKey("mig-20261121060000-001/extracted/ids/public.person/part-0.parquet"))
                .isEqualTo("mig-20261121060000-001/extracted/ids/public.person/part-0.parquet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "a//b", "a/", "../outside", "a/../b", "a/./b", "a/.hidden", "a\\b"})
    void badKeysAreRejectedNamingTheProblem(String key) {
        assertThatThrownBy(() -> StagingKeys.requireKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("staging key");
    }

    @Test
    void aPrefixMayEndWithASlashOrBeEmpty() {
        assertThat(StagingKeys.requirePrefix("mig-1/")).isEqualTo("mig-1");
        assertThat(StagingKeys.requirePrefix("")).isEmpty();
        assertThatThrownBy(() -> StagingKeys.requirePrefix("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StagingKeys.requirePrefix("../x/")).isInstanceOf(IllegalArgumentException.class);
    }
}
