package io.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void givesTheResultAndThrowsWhatTheWorkThrew() {
        assertThat(Futures.await(CompletableFuture.completedFuture(7), "adding")).isEqualTo(7);
        UncheckedIOException unchecked = new UncheckedIOException(new IOException("disk"));
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(unchecked), "writing")).isSameAs(unchecked);
        IOException checked = new IOException("disk");
        assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(checked), "writing"))
                .isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    @Test
    void anInterruptIsKeptAndNamesTheWork() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.await(new CompletableFuture<Integer>(), "writing graph chunks"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while writing graph chunks");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
