package io.ferry.anonymizer.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymizer.work.TransformPool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @Test
    void anonymizesEveryRoundsBatchesChecksThemForLeaksAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("warm-up");
        int rows = 1_000;
        WarmUp.Result r;
        try (TransformPool transformers = new TransformPool(2)) {
            r = new WarmUp(folder, Anonymizer.Options.defaults(), transformers).run(rows, 2, 2);
        }

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
}
