package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * deploy/base/generated/ holds what each service's build writes to {@code target/kubernetes/kubernetes.yml} (the
 * Quarkus Kubernetes extension, from the service's application.properties and src/main/kubernetes/). The reactor
 * packages the services before this module; {@code -Dferry.deploy.refresh=true} copies the new output over the
 * committed one (then review the diff).
 */
class GeneratedManifestsTest {

    private static final boolean REFRESH = Boolean.getBoolean("ferry.deploy.refresh");

    static final java.util.List<String> SERVICES = Manifests.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theCommittedManifestIsWhatTheBuildGenerates(String service) throws IOException {
        Path generated = Manifests.repoRoot().resolve(service + "/target/kubernetes/kubernetes.yml");
        Path committed = Manifests.deployDir().resolve("base/generated/" + service + ".yml");
        assertThat(generated).as("package %s first (./mvnw package -pl deploy -am)", service).exists();
        if (REFRESH) {
            Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(ManifestFiles.read(committed))
                .as("%s differs from %s: run the build with -Dferry.deploy.refresh=true and review the diff",
                        committed, generated)
                .isEqualTo(ManifestFiles.read(generated));
    }
}
