package io.ferry.service.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticPeopleTest {

    @Test
    void theMadeUpPeopleAreTheSameInEveryRun() {
        assertThat(SyntheticPeople.rows(40, 20)).usingRecursiveComparison().isEqualTo(SyntheticPeople.rows(40, 20));
        assertThat(SyntheticPeople.rows(40, 20).get(0)).hasSameSizeAs(SyntheticPeople.columns().toArray());
        assertThat(SyntheticPeople.rows(40, 20).get(0)[0]).isEqualTo("40");
        // half the emails as long as students' (their unique codes go through FF1's long halves), half short
        assertThat(SyntheticPeople.rows(40, 20)).extracting(row -> row[5].length() > 44)
                .containsOnly(true, false).filteredOn(Boolean::booleanValue).hasSize(10);
    }

    @Test
    void everyNameTheRowsUseIsAmongAllNames() {
        var names = new java.util.HashSet<>(SyntheticPeople.allNames());
        assertThat(SyntheticPeople.rows(1, 500)).allSatisfy(row -> {
            assertThat(names).contains(row[2], row[3]);
        });
    }
}
