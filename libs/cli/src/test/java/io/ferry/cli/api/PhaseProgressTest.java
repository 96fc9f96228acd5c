package io.ferry.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PhaseProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void report(PhaseProgress p, String phase, String store, String table, long done, Long total,
            double rate, String at) throws Exception {
        p.accept(JSON.readTree(String.format("{\"phase\": \"%s\", \"store\": \"%s\", \"table\": \"%s\", \"rowsDone\": %d,"
                + " \"rowsTotal\": %s, \"rowsPerSec\": %s, \"at\": \"%s\"}", phase, store, table, done, total, rate, at)));
    }

    @Test
    void aPhaseSumsTheLatestReportOfEachTableAndTheSpeedOfThoseStillWorking() throws Exception {
        PhaseProgress p = new PhaseProgress();
        report(p, "EXTRACT", "ids", "public.person", 500, 1000L, 200, "2026-11-24T00:00:01Z");
        report(p, "EXTRACT", "ids", "public.person", 1000, 1000L, 300, "2026-11-24T00:00:03Z");
        report(p, "EXTRACT", "ids", "public.person", 700, 1000L, 250, "2026-11-24T00:00:02Z"); // late, older: ignored
        report(p, "EXTRACT", "hcp1", "public.enrollment", 200, 800L, 100, "2026-11-24T00:00:03Z");
        report(p, "EXTRACT", "ids", "public.person", 1000, 1000L, 250, "2026-11-24T00:00:02.5Z"); // older again
        // the anonymizer reports each batch's own rows, without a total: two batches of one table add up
        report(p, "ANONYMIZE", "ids", "public.person", 400, null, 50, "2026-11-24T00:00:03Z");
        report(p, "ANONYMIZE", "ids", "public.person", 600, null, 80, "2026-11-24T00:00:08Z");

        assertThat(p.snapshot()).containsExactly(new PhaseProgress.Phase("EXTRACT", 1200, 1800L, 100),
                new PhaseProgress.Phase("ANONYMIZE", 1000, null, 200));
        assertThat(p.snapshot().get(0).describe()).isEqualTo("extract 1,200/1,800 rows, 100 rows/s");
        assertThat(p.snapshot().get(1).describe()).isEqualTo("anonymize 1,000 rows, 200 rows/s");
    }

    @Test
    void aReportWithoutPhaseOrTimeIsIgnored() throws Exception {
        PhaseProgress p = new PhaseProgress();
        p.accept(JSON.readTree("{\"rowsDone\": 5, \"at\": \"2026-11-24T00:00:03Z\"}"));
        p.accept(JSON.readTree("{\"phase\": \"LOAD\", \"rowsDone\": 5}"));
        assertThat(p.snapshot()).isEmpty();
    }
}
