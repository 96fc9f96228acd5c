package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    @Test
    void writesRunInOrderOnAThreadOfTheirOwnAndAreAllDoneAfterDrain() {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (WriteBehind writes = new WriteBehind("test-write")) {
            for (int chunk = 0; chunk < 5; chunk++) {
                int n = chunk;
                writes.write(() -> written.add(n + " on " + Thread.currentThread().getName()));
            }
            writes.drain();
            assertThat(written).containsExactly("0 on test-write", "1 on test-write", "2 on test-write",
                    "3 on test-write", "4 on test-write");
        }
    }

    @Test
    void theNextWriteWaitsForThePendingOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (WriteBehind writes = new WriteBehind("test-write")) {
            writes.write(() -> {
                await(release);
                events.add("first written");
            });
            Thread reader = Thread.ofPlatform().start(() -> {
                writes.write(() -> events.add("second written"));
                events.add("second handed over");
            });
            Thread.sleep(200);
            assertThat(events).isEmpty(); // the reader is held while the first chunk is still being written
            release.countDown();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            writes.drain();
        }
        assertThat(events).startsWith("first written").contains("second written", "second handed over");
    }

    @Test
    void aWritesFailureIsThrownAsItWasByTheNextWriteOrDrain() {
        IllegalStateException staging = new IllegalStateException("staging is full");
        List<String> written = new ArrayList<>();
        try (WriteBehind writes = new WriteBehind("test-write")) {
            writes.write(() -> {
                throw staging;
            });
            assertThatThrownBy(() -> writes.write(() -> written.add("after the failure"))).isSameAs(staging);
            assertThat(written).isEmpty();
        }
        try (WriteBehind writes = new WriteBehind("test-write")) {
            writes.write(() -> {
                throw staging;
            });
            assertThatThrownBy(writes::drain).isSameAs(staging);
        }
    }

    @Test
    void closeWaitsForThePendingWriteEvenWhenTheReaderFailed() {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> {
            try (WriteBehind writes = new WriteBehind("test-write")) {
                writes.write(() -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // still writing when close is called
                    written.add("chunk");
                });
                throw new IllegalStateException("the next chunk could not be read");
            }
        }).hasMessage("the next chunk could not be read");
        // the batch output the write used is closed after this: the write must be over by then
        assertThat(written).containsExactly("chunk");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
