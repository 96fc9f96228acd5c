package io.ferry.anonymizer.testing;

import io.ferry.service.testing.TestSpecs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh staging root for one Quarkus application: the Pagila spec staged under its hash, a properties file
 * its placeholders resolve from, and the spec's anonymization key file in the secrets folder
 * ({@code {root}/specs/secrets/ferry-key}).
 */
public class StagingRootResource implements QuarkusTestResourceLifecycleManager {

    /** The test anonymization key: 32 bytes, base64. */
    public static final String KEY = "ZmVycnktdGVzdC1hbm9ueW1pemF0aW9uLWtleS0zMmI=";

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("staging-");
            Path properties = TestSpecs.writeProperties(root.resolveSibling(root.getFileName() + ".properties"));
            TestSpecs.stagePagila(root);
            Path key = root.resolve("specs/secrets/ferry-key");
            Files.createDirectories(key.getParent());
            Files.writeString(key, KEY + "\n");
            return Map.of(
                    "ferry.anonymizer.staging.root", root.toString(),
                    "ferry.anonymizer.spec.properties-file", properties.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The folder stays under target/ for a look after a failure; mvn clean removes it.
    }
}
