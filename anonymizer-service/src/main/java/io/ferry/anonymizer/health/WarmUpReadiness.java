package io.ferry.anonymizer.health;

import io.ferry.anonymizer.startup.WarmUpAtStart;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "warm-up": down while the start's warm-up runs, so that whoever waits for readiness gets a warm JIT. */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    private final WarmUpAtStart warmUp;

    public WarmUpReadiness(WarmUpAtStart warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("warm-up");
        if (!warmUp.over()) {
            return response.down().withData("state", "running").build();
        }
        return warmUp.result().map(r -> response.up().withData("rows", r.rows())
                .withData("milliseconds", Math.round(r.seconds() * 1000)).build())
                .orElseGet(() -> response.up().withData("state", "skipped or failed").build());
    }
}
