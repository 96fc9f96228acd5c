package io.ferry.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.messages.Failure;
import io.ferry.service.StepFailure;
import io.ferry.service.testing.TestSpecs;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedSpecLoaderTest {

    private static final String PROPERTIES_FILE_KEY = "ferry.extractor.spec.properties-file";
    private static final Set<SpecParser.Environment> PROD = Set.of(SpecParser.Environment.PROD);

    @TempDir
    Path root;

    private Path properties;
    private Path secrets;

    @BeforeEach
    void setUp() throws Exception {
        properties = TestSpecs.writeProperties(Files.createTempFile(root.getParent(), "estate-", ".properties"));
        secrets = Files.createDirectories(root.resolveSibling(root.getFileName() + "-secrets"));
    }

    @Test
    void loadsTheRepositorysPagilaSpecStagedUnderItsHash() {
        String hash = TestSpecs.stagePagila(root);

        LoadedSpec loaded = loader().load(hash);

        assertThat(loaded.specHash()).isEqualTo(hash);
        assertThat(loaded.spec().stores()).containsOnlyKeys("pagila");
        assertThat(loaded.resolver().resolve(loaded.spec().stores().get("pagila").prod()).url())
                .isEqualTo("jdbc:postgresql://127.0.0.1:1/pagila");
    }

    @Test
    void keepsALoadedSpecSoStagingIsReadOncePerHash() {
        String hash = TestSpecs.stagePagila(root);
        StagedSpecLoader loader = loader();
        LoadedSpec first = loader.load(hash);

        new FileSystemStaging(root).delete(StagingLayout.spec(hash));

        assertThat(loader.load(hash)).isSameAs(first);
    }

    @Test
    void resolvesPasswordFilesFromTheSecretsFolder() throws Exception {
        String text = TestSpecs.pagilaText().replace("password: \"${prod.pagila.password}\"",
                "passwordFile: prod-pagila");
        Files.writeString(secrets.resolve("prod-pagila"), "from-the-secrets-folder\n");
        String hash = TestSpecs.hashOf(text);
        TestSpecs.stage(root, StagingLayout.spec(hash), text);

        LoadedSpec loaded = loader().load(hash);

        assertThat(loaded.resolver().resolve(loaded.spec().stores().get("pagila").prod()).password().reveal())
                .isEqualTo("from-the-secrets-folder");
    }

    @Test
    void aHashWithNoStagedSpecIsNotFound() {
        String hash = "0".repeat(64);

        assertThatThrownBy(() -> loader().load(hash))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Failure.Kind.FATAL);
                    assertThat(e.failure().code()).isEqualTo("SPEC_NOT_FOUND");
                    assertThat(e.getMessage()).contains(hash).contains("specs/" + hash + ".yaml");
                });
    }

    @Test
    void aSpecStoredUnderAnotherHashIsInvalid() {
        String actual = TestSpecs.hashOf(TestSpecs.pagilaText());
        String claimed = "a".repeat(64);
        TestSpecs.stage(root, StagingLayout.spec(claimed), TestSpecs.pagilaText());

        assertThatThrownBy(() -> loader().load(claimed))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Failure.Kind.FATAL);
                    assertThat(e.failure().code()).isEqualTo("SPEC_INVALID");
                    assertThat(e.getMessage()).contains("hashes to " + actual + ", not " + claimed);
                });
    }

    @Test
    void aSpecThatDoesNotParseIsInvalidWithFileAndLine() {
        String hash = "b".repeat(64);
        TestSpecs.stage(root, StagingLayout.spec(hash), TestSpecs.pagilaText().replace("crossTenant: copy",
                "crossTenant: maybe"));

        assertThatThrownBy(() -> loader().load(hash))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("SPEC_INVALID");
                    assertThat(e.getMessage()).containsPattern("specs/" + hash + "\\.yaml:\\d+:\\d+: closure\\.crossTenant");
                });
    }

    @Test
    void aPlaceholderThatDoesNotResolveIsInvalidAndNamesTheKeyNotAValue() {
        String hash = TestSpecs.stagePagila(root);
        StagedSpecLoader withoutProperties = new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), PROPERTIES_FILE_KEY, Optional.empty(), secrets), PROD);

        assertThatThrownBy(() -> withoutProperties.load(hash))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("SPEC_INVALID");
                    assertThat(e.getMessage()).containsPattern("specs/" + hash + "\\.yaml:\\d+:\\d+: stores\\.pagila\\.prod\\.url")
                            .contains("${prod.pagila.url}");
                });
    }

    @Test
    void anUnreadablePropertiesFileIsAConfigurationProblem() {
        String hash = TestSpecs.stagePagila(root);
        StagedSpecLoader misconfigured = new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), "ferry.anonymizer.spec.properties-file",
                        Optional.of(root.resolve("missing.properties")), secrets), PROD);

        assertThatThrownBy(() -> misconfigured.load(hash))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("CONFIG_INVALID");
                    assertThat(e.getMessage()).contains("ferry.anonymizer.spec.properties-file");
                });
    }

    @Test
    void withoutEnvironmentsNoConnectionNeedsToResolve() {
        String hash = TestSpecs.stagePagila(root);
        StagedSpecLoader noConnections = new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), PROPERTIES_FILE_KEY, Optional.empty(), secrets), Set.of());

        assertThat(noConnections.load(hash).spec().stores()).containsOnlyKeys("pagila");
    }

    private StagedSpecLoader loader() {
        return new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), PROPERTIES_FILE_KEY, Optional.of(properties), secrets), PROD);
    }
}
