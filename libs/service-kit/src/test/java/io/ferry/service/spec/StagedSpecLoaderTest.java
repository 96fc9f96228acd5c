package io.ferry.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.messages.Failure;
import io.ferry.service.StepFailure;
import io.ferry.spec.SpecHash;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the repository's Pagila spec as the coordinator stages it: {@code specs/{hash}.yaml}. */
class StagedSpecLoaderTest {

    private static final Path PAGILA = Path.of(System.getProperty("ferry.repo.root", "../.."), "specs", "pagila",
            "ferry.yaml");

    /** What the spec's {@code ${...}}s resolve to; nothing connects to it. */
    private static final Map<String, String> PAGILA_PROPERTIES = Map.of(
            "prod.pagila.url", "jdbc:postgresql://127.0.0.1:1/pagila",
            "prod.pagila.user", "ferry",
            "prod.pagila.password", "not-a-real-password");
    private static final String PROPERTIES_FILE_KEY = "ferry.extractor.spec.properties-file";
    private static final Set<SpecParser.Environment> PROD = Set.of(SpecParser.Environment.PROD);

    @TempDir
    Path root;

    private Path properties;
    private Path secrets;

    @BeforeEach
    void setUp() throws Exception {
        properties = Files.createTempFile(root.getParent(), "estate-", ".properties");
        new EstateProperties(PAGILA_PROPERTIES).write(properties);
        secrets = Files.createDirectories(root.resolveSibling(root.getFileName() + "-secrets"));
    }

    @Test
    void loadsTheRepositorysPagilaSpecStagedUnderItsHash() {
        String hash = stagePagila(root);

        LoadedSpec loaded = loader().load(hash);

        assertThat(loaded.specHash()).isEqualTo(hash);
        assertThat(loaded.spec().stores()).containsOnlyKeys("pagila");
        assertThat(loaded.resolver().resolve(loaded.spec().stores().get("pagila").prod()).url())
                .isEqualTo("jdbc:postgresql://127.0.0.1:1/pagila");
    }

    @Test
    void keepsALoadedSpecSoStagingIsReadOncePerHash() {
        String hash = stagePagila(root);
        StagedSpecLoader loader = loader();
        LoadedSpec first = loader.load(hash);

        new FileSystemStaging(root).delete(StagingLayout.spec(hash));

        assertThat(loader.load(hash)).isSameAs(first);
    }

    @Test
    void resolvesPasswordFilesFromTheSecretsFolder() throws Exception {
        String text = pagilaText().replace("password: \"${prod.pagila.password}\"", "passwordFile: prod-pagila");
        Files.writeString(secrets.resolve("prod-pagila"), "from-the-secrets-folder\n");
        String hash = hashOf(text);
        stage(root, StagingLayout.spec(hash), text);

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
        String actual = hashOf(pagilaText());
        String claimed = "a".repeat(64);
        stage(root, StagingLayout.spec(claimed), pagilaText());

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
        stage(root, StagingLayout.spec(hash), pagilaText().replace("crossTenant: copy",
                "crossTenant: maybe"));

        assertThatThrownBy(() -> loader().load(hash))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.failure().code()).isEqualTo("SPEC_INVALID");
                    assertThat(e.getMessage()).containsPattern("specs/" + hash + "\\.yaml:\\d+:\\d+: closure\\.crossTenant");
                });
    }

    @Test
    void aPlaceholderThatDoesNotResolveIsInvalidAndNamesTheKeyNotAValue() {
        String hash = stagePagila(root);
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
        String hash = stagePagila(root);
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
        String hash = stagePagila(root);
        StagedSpecLoader noConnections = new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), PROPERTIES_FILE_KEY, Optional.empty(), secrets), Set.of());

        assertThat(noConnections.load(hash).spec().stores()).containsOnlyKeys("pagila");
    }

    private StagedSpecLoader loader() {
        return new StagedSpecLoader(new FileSystemStaging(root),
                new SpecResolution(Map.of(), PROPERTIES_FILE_KEY, Optional.of(properties), secrets), PROD);
    }

    private static String pagilaText() {
        try {
            return Files.readString(PAGILA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec's hash: connections do not count, so it parses without resolving any. */
    private static String hashOf(String text) {
        return SpecHash.of(new SpecParser(new Resolver(Map.of(), Map.of(), Path.of(".")), Set.of())
                .read("ferry.yaml", text, Path.of(".")));
    }

    /** Puts {@code text} where the filesystem staging at {@code root} keeps {@code key}. */
    private static void stage(Path root, String key, String text) {
        try {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stagePagila(Path root) {
        String text = pagilaText();
        String hash = hashOf(text);
        stage(root, StagingLayout.spec(hash), text);
        return hash;
    }
}
