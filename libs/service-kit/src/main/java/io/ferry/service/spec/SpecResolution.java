package io.ferry.service.spec;

import io.ferry.service.StepFailure;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where this service resolves what a spec leaves to the place it runs: {@code ${key}} from the
 * environment, then from an optional {@code estate.properties}-style file; relative password and key
 * files from a secrets folder.
 *
 * @param environment       the process environment (tests pass their own)
 * @param propertiesFileKey the setting that names the properties file, e.g.
 *                          {@code ferry.extractor.spec.properties-file}: errors name it, so the operator
 *                          knows which key to fix
 * @param propertiesFile    the properties file, if set
 * @param secretsFolder     where relative {@code passwordFile} and key paths resolve from
 */
public record SpecResolution(Map<String, String> environment, String propertiesFileKey, Optional<Path> propertiesFile,
        Path secretsFolder) {

    public SpecResolution {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(propertiesFileKey, "propertiesFileKey");
        Objects.requireNonNull(propertiesFile, "propertiesFile");
        Objects.requireNonNull(secretsFolder, "secretsFolder");
    }

    /**
     * A resolver reading the properties file now (so an edited file counts from the next spec on).
     *
     * @throws StepFailure fatal {@code CONFIG_INVALID} when the properties file cannot be read
     */
    public Resolver resolver() {
        Map<String, String> properties;
        try {
            properties = propertiesFile.map(file -> EstateProperties.read(file).asMap()).orElse(Map.of());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw StepFailure.fatal("CONFIG_INVALID", "cannot read " + propertiesFileKey + " "
                    + propertiesFile.get() + " (" + e.getClass().getSimpleName() + ")");
        }
        return new Resolver(environment, properties, secretsFolder);
    }
}
