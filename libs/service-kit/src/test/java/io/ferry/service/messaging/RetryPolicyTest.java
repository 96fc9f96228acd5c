package io.ferry.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.service.StepFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final String SETTING = "ferry.anonymizer.retry";

    private final List<Duration> slept = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(SETTING, 3,
            List.of(Duration.ofSeconds(2), Duration.ofSeconds(8)));

    @Test
    void retriesTransientFailuresWithTheBackoffAndTheLastDelayRepeating() {
        AtomicInteger calls = new AtomicInteger();

        String result = policy.run(() -> {
            if (calls.incrementAndGet() <= 3) {
                throw StepFailure.transientFailure("LOST", "connection lost", null);
            }
            return "done";
        }, slept::add, (failure, retry, delay) -> { });

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(4);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void reportsTheLastTransientFailureOnceTheRetriesAreUsedUp() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw StepFailure.transientFailure("LOST", "connection lost", null);
        }, slept::add, (failure, retry, delay) -> { }))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.failure().code()).isEqualTo("LOST"));
        assertThat(calls).hasValue(4);
    }

    @Test
    void neverRetriesFatalFailuresOrOtherExceptions() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw StepFailure.fatal("SPEC_INVALID", "bad spec");
        }, slept::add, (failure, retry, delay) -> { })).isInstanceOf(StepFailure.class);
        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        }, slept::add, (failure, retry, delay) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(2);
        assertThat(slept).isEmpty();
    }

    @Test
    void zeroRetriesReportsTheFirstFailure() {
        RetryPolicy none = new RetryPolicy(SETTING, 0, List.of(Duration.ZERO));

        assertThatThrownBy(() -> none.run(() -> {
            throw StepFailure.transientFailure("LOST", "connection lost", null);
        }, slept::add, (failure, retry, delay) -> { })).isInstanceOf(StepFailure.class);
        assertThat(slept).isEmpty();
    }

    @Test
    void refusesNegativeRetriesAndAnEmptyBackoff() {
        assertThatThrownBy(() -> new RetryPolicy(SETTING, -1, List.of(Duration.ZERO)))
                .hasMessageContaining("ferry.anonymizer.retry.attempts");
        assertThatThrownBy(() -> new RetryPolicy(SETTING, 1, List.of()))
                .hasMessageContaining("ferry.anonymizer.retry.backoff");
    }
}
