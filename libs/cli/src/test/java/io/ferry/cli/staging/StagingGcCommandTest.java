package io.ferry.cli.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.Console;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StagingGcCommandTest {

    private static final String OLD = "mig-20261101060000-001";
    private static final String FRESH = "mig-20261120060000-001";

    @RegisterExtension
    final Console console = new Console();

    @TempDir
    Path root;

    @BeforeEach
    void stage() throws Exception {
        Instant now = Instant.now();
        put(OLD + "/anonymized/ids/public.person/part-0.parquet", now.minus(Duration.ofDays(10)));
        put(OLD + "/keys/ids/public.person.bin", now.minus(Duration.ofDays(9)));
        put(FRESH + "/extracted/ids/public.person/part-0.parquet", now.minus(Duration.ofHours(3)));
        put(FRESH + "/extracted/ids/public.person/part-1.parquet", now.minus(Duration.ofMinutes(5)));
        put(FRESH + "/anonymized/ids/public.person/part-0.parquet", now.minus(Duration.ofHours(3)));
        put("reports/" + OLD + ".json", now.minus(Duration.ofDays(10)));
        put("specs/ab12.yaml", now.minus(Duration.ofDays(10)));
    }

    private void put(String key, Instant modified) throws Exception {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void aDryRunListsWhatWouldGoAndDeletesNothing() {
        int code = FerryCli.execute("staging", "gc", "--root", root.toString(), "--dry-run");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).isEqualTo("raw " + FRESH + " 1\nrun " + OLD + " 2\n");
        assertThat(console.err()).contains("would remove 1 raw object(s)").contains("1 run(s) (2 objects)");
        assertThat(root.resolve(OLD + "/keys/ids/public.person.bin")).exists();
        assertThat(root.resolve(FRESH + "/extracted/ids/public.person/part-0.parquet")).exists();
    }

    @Test
    void aRealRunDeletesExpiredRunsAndOldRawBatchesOnly() {
        int code = FerryCli.execute("staging", "gc", "--root", root.toString(), "--retention", "P7D",
                "--raw-age", "1h");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).isEqualTo("raw " + FRESH + " 1\nrun " + OLD + " 2\n");
        assertThat(console.err()).contains("removed 1 raw object(s)");
        assertThat(root.resolve(OLD)).doesNotExist();
        assertThat(root.resolve(FRESH + "/extracted/ids/public.person/part-0.parquet")).doesNotExist();
        assertThat(root.resolve(FRESH + "/extracted/ids/public.person/part-1.parquet")).exists();
        assertThat(root.resolve(FRESH + "/anonymized/ids/public.person/part-0.parquet")).exists();
        assertThat(root.resolve("reports/" + OLD + ".json")).exists();
        assertThat(root.resolve("specs/ab12.yaml")).exists();
    }

    @Test
    void aBadRetentionIsAUsageErrorWithAnExample() {
        int code = FerryCli.execute("staging", "gc", "--root", root.toString(), "--retention", "a week");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("'a week' is not a positive duration such as 7d, 12h, 30m or P7D")
                .doesNotContain("Exception");
        assertThat(root.resolve(OLD)).exists();
    }

    @Test
    void aMissingRootIsNotFound() {
        int code = FerryCli.execute("staging", "gc", "--root", root.resolve("nowhere").toString());
        assertThat(code).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(console.err()).contains("ferry: staging root " + root.resolve("nowhere") + " does not exist");
    }
}
