package io.ferry.service.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ferry.staging.FileSystemStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSweepTest {

    private static final String RUN = "mig-20261121060000-201";

    @TempDir
    Path root;

    @Test
    void removesOnlyRawObjectsOlderThanTheAge() throws Exception {
        Path oldRaw = plant(RUN + "/extracted/ids/public.person/part-0.parquet", Duration.ofHours(2));
        Path freshRaw = plant(RUN + "/extracted/ids/public.person/part-1.parquet", Duration.ZERO);
        Path oldAnonymized = plant(RUN + "/anonymized/ids/public.person/part-0.parquet", Duration.ofHours(2));

        StartupSweep.run(new FileSystemStaging(root), Clock.systemUTC(), Duration.ofHours(1));

        assertThat(oldRaw).doesNotExist();
        assertThat(freshRaw).isRegularFile();
        assertThat(oldAnonymized).isRegularFile();
    }

    @Test
    void aFailingSweepDoesNotFailTheStart() {
        assertThatCode(() -> StartupSweep.run(new FileSystemStaging(root), Clock.systemUTC(), Duration.ZERO))
                .doesNotThrowAnyException();
    }

    private Path plant(String key, Duration age) throws Exception {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'P', 'A', 'R', '1'});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
