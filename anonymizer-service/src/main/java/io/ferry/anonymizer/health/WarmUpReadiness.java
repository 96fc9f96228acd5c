package io.ferry.anonymizer.health;

import io.ferry.anonymizer.startup.WarmUpAtStart;
import io.ferry.service.health.WarmUpReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.Readiness;

/** Readiness "warm-up" of the {@link WarmUpAtStart start's warm-up}. */
@Readiness
@ApplicationScoped
public class WarmUpReadiness extends WarmUpReadinessCheck {

    private final WarmUpAtStart warmUp;

    public WarmUpReadiness(WarmUpAtStart warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    protected boolean over() {
        return warmUp.over();
    }

    @Override
    protected Optional<Figures> figures() {
        return warmUp.result().map(r -> new Figures(r.rows(), r.seconds()));
    }
}
