package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine takes every row in question order, whichever store answers first, and failures end the round. */
class ReadAheadTest {

    private static ReadAhead.Question rows(String store, String name, int n, List<String> taken) {
        return new ReadAhead.Question(store, sink -> {
            for (int i = 0; i < n; i++) {
                sink.accept(new Object[] {name + i});
            }
        }, row -> taken.add((String) row[0]), () -> taken.add(name + " done"));
    }

    @Test
    void rowsAreTakenInQuestionOrderWhateverStoreAnswersFirst() throws Exception {
        List<String> taken = new ArrayList<>();
        CountDownLatch laterStoreAnswered = new CountDownLatch(1);
        ReadAhead.Question slow = new ReadAhead.Question("a", sink -> {
            try {
                laterStoreAnswered.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            sink.accept(new Object[] {"a0"});
        }, row -> taken.add((String) row[0]), () -> taken.add("a done"));
        ReadAhead.Question fast = new ReadAhead.Question("b", sink -> {
            sink.accept(new Object[] {"b0"});
            laterStoreAnswered.countDown();
        }, row -> taken.add((String) row[0]), () -> taken.add("b done"));
        try (ReadAhead readAhead = new ReadAhead()) {
            readAhead.run(List.of(slow, fast, rows("a", "c", 1000, taken)));
        }
        assertThat(taken.subList(0, 4)).containsExactly("a0", "a done", "b0", "b done");
        assertThat(taken).hasSize(4 + 1001).endsWith("c999", "c done");
    }

    @Test
    @Timeout(10)
    void aStoreFailureIsRethrownAsItIsAndLaterQuestionsAreNotTaken() {
        List<String> taken = new ArrayList<>();
        ClosureException failure = new ClosureException("reading x failed (SQL state 57014)");
        ReadAhead.Question failing = new ReadAhead.Question("b", sink -> {
            throw failure;
        }, row -> taken.add("?"), () -> taken.add("failing done"));
        try (ReadAhead readAhead = new ReadAhead()) {
            assertThatThrownBy(() -> readAhead.run(List.of(rows("a", "a", 10, taken), failing,
                    rows("a", "big", 1_000_000, taken)))).isSameAs(failure);
        }
        assertThat(taken).hasSize(11).doesNotContain("failing done");
    }

    @Test
    @Timeout(10)
    void anEngineFailureStopsReadersWaitingOnAFullBuffer() {
        IllegalStateException stop = new IllegalStateException("row limit");
        ReadAhead.Question endless = new ReadAhead.Question("a", sink -> {
            for (long i = 0; ; i++) {
                sink.accept(new Object[] {i});
            }
        }, row -> {
            if ((Long) row[0] == 5) {
                throw stop;
            }
        }, () -> { });
        try (ReadAhead readAhead = new ReadAhead()) {
            assertThatThrownBy(() -> readAhead.run(List.of(endless))).isSameAs(stop);
        }
    }
}
