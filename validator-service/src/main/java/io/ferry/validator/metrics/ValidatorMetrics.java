package io.ferry.validator.metrics;

import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.service.metrics.CommandMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/**
 * The validator's meters, at {@code /q/metrics} (Prometheus names in brackets): verdicts by status
 * ({@code ferry_validate_validations_total}), findings by severity ({@code ferry_validate_findings_total}),
 * time per validation, retries and failures included ({@code ferry_validate_duration_seconds}), validations
 * that could not run by code ({@code ferry_validator_failures_total}) and dead letters by topic
 * ({@code ferry_validator_dead_letters_total}). Tags are statuses, severities, codes and topics: never values.
 */
@Singleton
public class ValidatorMetrics extends CommandMeters {

    public ValidatorMetrics(MeterRegistry registry) {
        super(registry, "validator");
    }

    /** A verdict reached (a result without failure). */
    public void validated(ValidateResult result) {
        Counter.builder("ferry.validate.validations").description("Validations that reached a verdict, by status")
                .tag("status", result.status().name()).register(registry).increment();
        for (Severity severity : Severity.values()) {
            long findings = result.findings().stream().filter(f -> f.severity() == severity).count();
            findings(severity).increment(findings);
        }
    }

    public void took(Duration took) {
        Timer.builder("ferry.validate.duration").description("Time to validate one run, retries included")
                .register(registry).record(took);
    }

    private Counter findings(Severity severity) {
        return Counter.builder("ferry.validate.findings").description("Findings reported, by severity")
                .tag("severity", severity.name().toLowerCase(Locale.ROOT)).register(registry);
    }
}
