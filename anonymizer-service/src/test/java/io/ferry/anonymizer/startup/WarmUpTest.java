package io.ferry.anonymizer.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.strategy.Anonymizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @Test
    void anonymizesEveryRoundsBatchesChecksThemForLeaksAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("warm-up");
        int rows = 1_000;
        WarmUp.Result r = new WarmUp(folder, Anonymizer.Options.defaults()).run(rows, 2, 2);

        assertThat(r.rows()).isEqualTo(4L * rows);
        // ten ruled columns are never null and a transforming strategy never returns its input
        assertThat(r.fieldsChanged()).isGreaterThanOrEqualTo(10L * r.rows());
        // the JSON notes and two thirds of the comments hold a phone number, the comments an email too
        assertThat(r.scrubbed()).isGreaterThanOrEqualTo(r.rows());
        assertThat(r.tokensChecked()).isGreaterThan(10L * r.rows());
        assertThat(r.findings()).isZero();
        assertThat(folder).doesNotExist();
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void theMadeUpPeopleAreTheSameInEveryRun() {
        assertThat(SyntheticPeople.rows(40, 20)).usingRecursiveComparison().isEqualTo(SyntheticPeople.rows(40, 20));
        assertThat(SyntheticPeople.rows(40, 20).get(0)).hasSameSizeAs(SyntheticPeople.columns().toArray());
        assertThat(SyntheticPeople.rows(40, 20).get(0)[0]).isEqualTo("40");
        // half the emails as long as students' (their unique codes go through FF1's long halves), half short
        assertThat(SyntheticPeople.rows(40, 20)).extracting(row -> row[5].length() > 44)
                .containsOnly(true, false).filteredOn(Boolean::booleanValue).hasSize(10);
    }
}
