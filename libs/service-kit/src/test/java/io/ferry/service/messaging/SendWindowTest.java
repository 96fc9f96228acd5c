package io.ferry.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    @Test
    void awaitAllReturnsOnceEverySendIsAcknowledged() {
        SendWindow window = new SendWindow(8, Duration.ofSeconds(5));
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        window.add(first);
        window.add(second);
        CompletableFuture.runAsync(() -> {
            first.complete(null);
            second.complete(null);
        }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        window.awaitAll();

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(window.sent()).isEqualTo(2);
    }

    @Test
    void aFullWindowWaitsForTheOldestBeforeTakingMore() throws Exception {
        SendWindow window = new SendWindow(1, Duration.ofSeconds(5));
        CompletableFuture<Void> oldest = new CompletableFuture<>();
        window.add(oldest);
        CountDownLatch added = new CountDownLatch(1);

        Thread adder = new Thread(() -> {
            window.add(CompletableFuture.completedFuture(null));
            added.countDown();
        });
        adder.start();

        assertThat(added.await(200, TimeUnit.MILLISECONDS)).isFalse();
        oldest.complete(null);
        assertThat(added.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusedSendFailsAwaitAllEvenIfItsFailureWasSwallowedBefore() {
        SendWindow window = new SendWindow(1, Duration.ofSeconds(5));
        window.add(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
        try {
            window.add(CompletableFuture.completedFuture(null)); // waits for the oldest, which failed
        } catch (SendWindow.SendFailedException swallowed) {
            // an extraction might catch and wrap this
        }

        assertThatThrownBy(window::awaitAll).isInstanceOf(SendWindow.SendFailedException.class)
                .hasMessageContaining("java.lang.IllegalStateException");
    }

    @Test
    void noAcknowledgementWithinTheTimeoutIsAFailure() {
        assertThatThrownBy(() -> SendWindow.awaitOne(new CompletableFuture<>(), Duration.ofMillis(50)))
                .isInstanceOf(SendWindow.SendFailedException.class).hasMessageContaining("within");
    }
}
