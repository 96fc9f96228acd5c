package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A table's JSON-path pairs are read beside the engine where a second session exists, else where first needed. */
class JsonPathIndexesTest {
    private static final TableId EVENT = TableId.parse("adb.public.event");
    /** Never asked here: the reads under test stand for the scans. */
    private static final RowSource SECOND_SESSION = new RowSource() {
        @Override
        public void select(TableId table, List<String> matchColumns, java.util.Collection<Tuple> values,
                List<Projection> projections, String filter, RowSink sink) {
            throw new AssertionError();
        }

        @Override
        public void scan(TableId table, List<Projection> projections, String filter, RowSink sink) {
            throw new AssertionError();
        }
    };

    /** A table's pairs, told apart by identity. */
    private static Map<Reference, Map<Tuple, List<Tuple>>> pairs() {
        return new HashMap<>();
    }

    private static Supplier<Map<Reference, Map<Tuple, List<Tuple>>>> notHere() {
        return () -> {
            throw new AssertionError("read on the engine's thread although a read beside was started");
        };
    }

    @Test
    @Timeout(10)
    void readsBesideOnTheStoresSecondSessionAndAnotherThread() {
        List<String> asked = new ArrayList<>();
        AtomicReference<Thread> readOn = new AtomicReference<>();
        AtomicReference<RowSource> readWith = new AtomicReference<>();
        try (JsonPathIndexes indexes = new JsonPathIndexes(store -> {
            asked.add(store);
            return SECOND_SESSION;
        })) {
            Map<Reference, Map<Tuple, List<Tuple>>> beside = pairs();
            indexes.startBeside(EVENT, source -> {
                readOn.set(Thread.currentThread());
                readWith.set(source);
                return beside;
            });
            indexes.startBeside(EVENT, source -> {
                throw new AssertionError("read twice");
            });

            assertThat(indexes.get(EVENT, notHere())).isSameAs(beside);
            assertThat(indexes.get(EVENT, notHere())).isSameAs(beside);
        }
        assertThat(asked).containsExactly("adb");
        assertThat(readWith.get()).isSameAs(SECOND_SESSION);
        assertThat(readOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void withoutASecondSessionReadsOnceWhereFirstNeeded() {
        int[] reads = new int[1];
        Map<Reference, Map<Tuple, List<Tuple>>> read = pairs();
        Supplier<Map<Reference, Map<Tuple, List<Tuple>>>> here = () -> {
            reads[0]++;
            return read;
        };
        try (JsonPathIndexes none = new JsonPathIndexes(null); JsonPathIndexes noStore = new JsonPathIndexes(s -> null)) {
            for (JsonPathIndexes indexes : List.of(none, noStore)) {
                indexes.startBeside(EVENT, source -> {
                    throw new AssertionError("no second session to read with");
                });
                assertThat(indexes.get(EVENT, here)).isSameAs(read);
                assertThat(indexes.get(EVENT, here)).isSameAs(read);
            }
        }
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    @Timeout(10)
    void aFailedReadBesideIsThrownAsItIsWhereTheIndexIsNeeded() {
        ClosureException failure = new ClosureException("reading adb.public.event failed (SQL state 57014)");
        try (JsonPathIndexes indexes = new JsonPathIndexes(store -> SECOND_SESSION)) {
            indexes.startBeside(EVENT, source -> {
                throw failure;
            });
            assertThatThrownBy(() -> indexes.get(EVENT, notHere())).isSameAs(failure);
        }
    }

    @Test
    @Timeout(10)
    void closeWaitsForAReadStillRunningSoItsSessionCanBeClosed() throws InterruptedException {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        JsonPathIndexes indexes = new JsonPathIndexes(store -> SECOND_SESSION);
        indexes.startBeside(EVENT, source -> {
            reading.countDown();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            finished.set(true);
            return pairs();
        });
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        indexes.close();
        assertThat(finished).isTrue();
    }
}
