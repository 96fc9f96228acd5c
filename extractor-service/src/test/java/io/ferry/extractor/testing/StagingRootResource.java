package io.ferry.extractor.testing;

import io.ferry.service.testing.TestSpecs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh staging root (under the build's temp folder) for one Quarkus application, with the Pagila
 * spec staged and a properties file its placeholders resolve from.
 */
public class StagingRootResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("staging-");
            Path properties = TestSpecs.writeProperties(root.resolveSibling(root.getFileName() + ".properties"));
            TestSpecs.stagePagila(root);
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
}
