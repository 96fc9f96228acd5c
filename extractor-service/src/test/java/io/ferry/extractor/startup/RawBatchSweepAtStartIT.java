package io.ferry.extractor.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.extractor.testing.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A crash left raw batches behind: the service removes those older than {@code staging.raw-age} (1 h) as
 * it starts, and leaves a fresh raw batch (another replica may be anonymizing it) and anonymized files.
 */
@QuarkusTest
@TestProfile(RawBatchSweepAtStartIT.LeftBehind.class)
class RawBatchSweepAtStartIT {

    static final String RUN = "mig-20261121060000-201";
    static final String OLD_RAW = RUN + "/extracted/ids/public.person/part-0.parquet";
    static final String FRESH_RAW = RUN + "/extracted/ids/public.person/part-1.parquet";
    static final String OLD_ANONYMIZED = RUN + "/anonymized/ids/public.person/part-0.parquet";

    @ConfigProperty(name = "ferry.extractor.staging.root")
    Path root;

    @Test
    void theOldRawBatchIsGoneWhileFreshRawAndAnonymizedFilesRemain() {
        assertThat(root.resolve(OLD_RAW)).doesNotExist();
        assertThat(root.resolve(FRESH_RAW)).isRegularFile();
        assertThat(root.resolve(OLD_ANONYMIZED)).isRegularFile();
    }

    public static class LeftBehind implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class, Map.of(KafkaResource.TOPICS, TestTopics.ALL)),
                    new TestResourceEntry(PlantedStaging.class));
        }
    }

    /** A staging root with what a crash two hours ago left, planted before the service starts. */
    public static class PlantedStaging implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                Path root = Files.createTempDirectory("staging-swept-");
                FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
                Files.setLastModifiedTime(plant(root, OLD_RAW), twoHoursAgo);
                plant(root, FRESH_RAW);
                Files.setLastModifiedTime(plant(root, OLD_ANONYMIZED), twoHoursAgo);
                return Map.of("ferry.extractor.staging.root", root.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }

        private static Path plant(Path root, String key) throws IOException {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            return Files.write(file, new byte[] {'P', 'A', 'R', '1'});
        }
    }
}
