package io.ferry.extractor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.service.testing.TestSpecs;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProdReadinessTest {

    @TempDir
    Path folder;

    private Path spec;
    private final MovableClock clock = new MovableClock();
    private final List<String> opened = new ArrayList<>();

    @BeforeEach
    void writeSpecWithEstatePropertiesBeside() throws Exception {
        spec = Files.writeString(folder.resolve("ferry.yaml"), TestSpecs.pagilaText());
        TestSpecs.writeProperties(folder.resolve(EstateProperties.FILE_NAME));
    }

    @Test
    void withoutASpecItIsUpAndSaysSo() {
        HealthCheckResponse response = new ProdReadiness(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                clock, (store, resolver) -> opened.add(store.name())).call();

        assertThat(response.getName()).isEqualTo("prod");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("spec",
                "no spec configured (ferry.extractor.readiness.spec-file)");
        assertThat(opened).isEmpty();
    }

    @Test
    void opensEveryProdStoreOfTheSpecResolvedFromTheEstatePropertiesBesideIt() {
        List<String> urls = new ArrayList<>();
        HealthCheckResponse response = readiness((store, resolver) -> {
            opened.add(store.name());
            urls.add(resolver.resolve(store.prod()).url());
        }).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("pagila", "reachable");
        assertThat(opened).containsExactly("pagila");
        assertThat(urls).containsExactly("jdbc:postgresql://127.0.0.1:1/pagila");
    }

    @Test
    void anUnreachableStoreIsDownNamingTheStore() {
        HealthCheckResponse response = readiness(ProdReadiness::openAndClose).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) response.getData().orElseThrow().get("pagila"))
                .contains("store pagila (prod").contains("unreachable")
                .doesNotContain("not-a-real-password");
    }

    @Test
    void keepsItsAnswerForTenSeconds() {
        ProdReadiness readiness = readiness((store, resolver) -> {
            opened.add(store.name());
            throw new StoreUnavailableException(StoreUnavailableException.Reason.UNREACHABLE, "store pagila is down");
        });

        readiness.call();
        clock.advance(Duration.ofSeconds(9));
        HealthCheckResponse cached = readiness.call();
        clock.advance(Duration.ofSeconds(1));
        readiness.call();

        assertThat(cached.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(opened).hasSize(2);
    }

    @Test
    void anInvalidSpecIsDownWithItsFirstError() throws Exception {
        Files.writeString(spec, "version: 1\n");

        HealthCheckResponse response = readiness((store, resolver) -> opened.add(store.name())).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) response.getData().orElseThrow().get("problem")).startsWith("the spec is invalid: ferry.yaml:");
    }

    private ProdReadiness readiness(ProdReadiness.Opener opener) {
        return new ProdReadiness(Optional.of(spec), Optional.empty(), Optional.empty(), Map.of(), clock, opener);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T06:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
