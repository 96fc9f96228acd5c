package io.ferry.extractor.testing;

import io.ferry.service.testing.TestSpecs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A fresh staging root (under the build's temp folder) for the module's Quarkus application, with the Pagila spec
 * staged and a properties file its placeholders resolve from. It also holds what a crash two hours before the start
 * left behind, planted before the service starts ({@code RawBatchSweepAtStartIT} checks what the start's sweep kept):
 * an old and a fresh raw batch and an old anonymized batch of run {@value #LEFT_BEHIND_RUN}, which no other test uses.
 */
public class StagingRootResource implements QuarkusTestResourceLifecycleManager {

    public static final String LEFT_BEHIND_RUN = "mig-20261121060000-201";
    public static final String OLD_RAW = LEFT_BEHIND_RUN + "/extracted/ids/public.person/part-0.parquet";
    public static final String FRESH_RAW = LEFT_BEHIND_RUN + "/extracted/ids/public.person/part-1.parquet";
    public static final String OLD_ANONYMIZED = LEFT_BEHIND_RUN + "/anonymized/ids/public.person/part-0.parquet";

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("staging-");
            Path properties = TestSpecs.writeProperties(root.resolveSibling(root.getFileName() + ".properties"));
            TestSpecs.stagePagila(root);
            FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
            Files.setLastModifiedTime(plant(root, OLD_RAW), twoHoursAgo);
            plant(root, FRESH_RAW);
            Files.setLastModifiedTime(plant(root, OLD_ANONYMIZED), twoHoursAgo);
            return Map.of(
                    "ferry.extractor.staging.root", root.toString(),
                    "ferry.extractor.spec.properties-file", properties.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The folder stays under target/ for a look after a failure; mvn clean removes it.
    }

    private static Path plant(Path root, String key) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {'P', 'A', 'R', '1'});
    }
}
