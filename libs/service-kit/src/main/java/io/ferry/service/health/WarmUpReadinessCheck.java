package io.ferry.service.health;

import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness "warm-up": down while a service's warm-up at start runs, so that whoever waits for readiness gets a
 * warm JIT; up once it is over, with its rows and time when it succeeded. Each service with a warm-up subclasses it
 * as an {@code @Readiness @ApplicationScoped} bean that hands over its warm-up's state.
 */
public abstract class WarmUpReadinessCheck implements HealthCheck {

    /** What a warm-up did: rows worked on and how long it took. */
    public record Figures(long rows, double seconds) {
    }

    /** Whether the warm-up is over (done, failed or skipped). */
    protected abstract boolean over();

    /** The warm-up's figures, once it succeeded. */
    protected abstract Optional<Figures> figures();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("warm-up");
        if (!over()) {
            return response.down().withData("state", "running").build();
        }
        return figures().map(f -> response.up().withData("rows", f.rows())
                .withData("milliseconds", Math.round(f.seconds() * 1000)).build())
                .orElseGet(() -> response.up().withData("state", "skipped or failed").build());
    }
}
