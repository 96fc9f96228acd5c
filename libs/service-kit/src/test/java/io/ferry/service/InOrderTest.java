package io.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderTest {

    @Test
    void givesTheResultsInTheOrderOfTheInputWhateverFinishesFirst() throws InterruptedException {
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> results = InOrder.map(items, 3, "test", i -> {
            threads.add(Thread.currentThread().getName());
            Thread.sleep(10L * (8 - i)); // the first items finish last
            return "r" + i;
        });
        assertThat(results).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(threads).hasSizeBetween(2, 3).allMatch(name -> name.startsWith("test-"));
    }

    @Test
    void rethrowsAPiecesCheckedExceptionAsItWas() {
        assertThatThrownBy(() -> InOrder.map(List.of(1, 2, 3), 2, "test", i -> {
            if (i == 2) {
                throw new IOException("piece 2 failed");
            }
            return i;
        })).isExactlyInstanceOf(IOException.class).hasMessage("piece 2 failed");
        assertThatThrownBy(() -> InOrder.map(List.of(1, 2), 2, "test", i -> {
            throw new IllegalArgumentException("bad " + i);
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad 1");
    }

    @Test
    void runsOnTheCallingThreadWithOneThread() {
        String caller = Thread.currentThread().getName();
        assertThat(InOrder.map(List.of(1, 2), 1, "test", i -> Thread.currentThread().getName()))
                .containsExactly(caller, caller);
    }
}
