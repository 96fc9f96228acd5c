package io.ferry.extractor.health;

import io.ferry.extractor.config.ExtractorConfig;
import io.ferry.schema.model.StoreKind;
import io.ferry.service.StepFailure;
import io.ferry.service.spec.SpecResolution;
import io.ferry.spec.SpecException;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import io.ferry.spec.parse.EstateProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "prod": for the spec named by {@code ferry.extractor.readiness.spec-file} (resolved like
 * any spec: environment, then {@code ferry.extractor.spec.properties-file} or else the
 * {@code estate.properties} beside it; relative files from {@code ferry.extractor.spec.secrets-dir} or
 * else its folder), opens each store's PROD connection briefly (PostgreSQL read-only, Neo4j with verified connectivity) and closes
 * it. The answer is kept for {@value #CACHE_SECONDS} s, so frequent probes stay cheap for PROD. Without
 * the setting the check is up and says that no spec is configured. Data names stores and problems
 * (which name store, environment and address, never a password).
 */
@Readiness
@ApplicationScoped
public class ProdReadiness implements HealthCheck {

    static final String NAME = "prod";
    static final int CACHE_SECONDS = 10;

    /** Opens one store's PROD connection and closes it; throws when it cannot. */
    @FunctionalInterface
    public interface Opener {
        void open(Store store, Resolver resolver);
    }

    private final Optional<Path> specFile;
    private final Optional<Path> propertiesFile;
    private final Optional<Path> secretsDir;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Opener opener;
    private HealthCheckResponse cached;
    private Instant cachedAt;

    @Inject
    public ProdReadiness(ExtractorConfig config, Clock clock) {
        this(config.readiness().specFile(), config.spec().propertiesFile(), config.spec().secretsDir(), System.getenv(),
                clock, ProdReadiness::openAndClose);
    }

    /**
     * @param propertiesFile where {@code ${key}}s resolve after the environment; default the
     *                       {@code estate.properties} beside the spec, if there is one
     * @param secretsDir     where relative password files resolve from; default the spec's folder
     */
    public ProdReadiness(Optional<Path> specFile, Optional<Path> propertiesFile, Optional<Path> secretsDir,
            Map<String, String> environment, Clock clock, Opener opener) {
        this.specFile = specFile;
        this.propertiesFile = propertiesFile;
        this.secretsDir = secretsDir;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.opener = opener;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(Duration.ofSeconds(CACHE_SECONDS)))) {
            cached = check();
            cachedAt = now;
        }
        return cached;
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (specFile.isEmpty()) {
            return response.up().withData("spec", "no spec configured (ferry.extractor.readiness.spec-file)").build();
        }
        Path file = specFile.get().toAbsolutePath();
        Path folder = file.getParent();
        response.withData("spec", file.toString());
        Path beside = folder.resolve(EstateProperties.FILE_NAME);
        SpecResolution resolution = new SpecResolution(environment, ExtractorConfig.SPEC_PROPERTIES_FILE,
                propertiesFile.or(() -> Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty()),
                secretsDir.orElse(folder));
        Spec spec;
        Resolver resolver;
        try {
            resolver = resolution.resolver();
            spec = new SpecParser(resolver, Set.of(SpecParser.Environment.PROD)).read(file);
        } catch (SpecException e) {
            return response.down().withData("problem", "the spec is invalid: " + e.errors().getFirst()).build();
        } catch (StepFailure e) {
            return response.down().withData("problem", e.getMessage()).build();
        } catch (RuntimeException e) {
            return response.down().withData("problem", "cannot read the spec (" + e.getClass().getSimpleName() + ")")
                    .build();
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (Store store : spec.stores().values()) {
            try {
                opener.open(store, resolver);
                response.withData(store.name(), "reachable");
            } catch (StoreUnavailableException e) {
                problems.put(store.name(), e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.put(store.name(), e.getMessage()); // names the missing key, variable or file
            } catch (RuntimeException e) {
                problems.put(store.name(), "cannot open (" + e.getClass().getSimpleName() + ")");
            }
        }
        problems.forEach(response::withData);
        return (problems.isEmpty() ? response.up() : response.down()).build();
    }

    static void openAndClose(Store store, Resolver resolver) {
        if (store.kind() == StoreKind.NEO4J) {
            StoreConnector.openNeo4j(store.name(), "prod", resolver.resolve(store.prod())).close();
            return;
        }
        try (Connection connection = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()),
                true)) {
            connection.isValid(5);
        } catch (java.sql.SQLException e) {
            throw new StoreUnavailableException(StoreUnavailableException.Reason.UNREACHABLE,
                    "store " + store.name() + " (prod) failed a validity check (SQLSTATE " + e.getSQLState() + ")");
        }
    }
}
