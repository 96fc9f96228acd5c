package io.ferry.service.messaging;

import io.ferry.service.StepFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * In-process retries of transient failures ({@link StepFailure#isTransient()}): up to
 * {@code retries} more tries after the first, waiting {@code backoff[i]} before retry {@code i} (the
 * last delay repeats). Fatal failures and other exceptions are not retried. Pure: the waiting goes
 * through a {@link Sleeper}, so tests need not sleep.
 *
 * @param setting the service's settings prefix, e.g. {@code ferry.extractor.retry}: errors name
 *                {@code <setting>.attempts} and {@code <setting>.backoff}, the keys to fix
 * @param retries how many times a transient failure is retried (0: the first failure is final)
 * @param backoff delay before each retry, at least one
 */
public record RetryPolicy(String setting, int retries, List<Duration> backoff) {

    /** How the policy waits between tries. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    public static final Sleeper THREAD_SLEEP = delay -> Thread.sleep(delay.toMillis());

    public RetryPolicy {
        Objects.requireNonNull(setting, "setting");
        if (retries < 0) {
            throw new IllegalArgumentException(setting + ".attempts must be 0 or more, not " + retries);
        }
        backoff = List.copyOf(Objects.requireNonNull(backoff, "backoff"));
        if (backoff.isEmpty()) {
            throw new IllegalArgumentException(setting + ".backoff needs at least one delay");
        }
        if (backoff.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException(setting + ".backoff delays must not be negative");
        }
    }

    /** The delay before retry {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        return backoff.get(Math.min(retry, backoff.size()) - 1);
    }

    /**
     * Runs {@code work}, retrying transient {@link StepFailure}s; the last one is rethrown.
     *
     * @param onRetry told of each transient failure that will be retried, before the wait
     */
    public <T> T run(Supplier<T> work, Sleeper sleeper, RetryListener onRetry) {
        for (int retry = 1; ; retry++) {
            try {
                return work.get();
            } catch (StepFailure failure) {
                if (!failure.isTransient() || retry > retries) {
                    throw failure;
                }
                Duration delay = delayBefore(retry);
                onRetry.retrying(failure, retry, delay);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    /** Told of a transient failure that is about to be retried. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(StepFailure failure, int retry, Duration delay);
    }
}
