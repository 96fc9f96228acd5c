package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The output depends only on the key, the type and the value: not on order, threads, caches or the instance. */
class DeterminismTest {

    private record Item(FieldRule rule, String value, String entity) {
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (DataType type : DataType.known()) {
            if (type.equals(DataType.FREE_TEXT)) {
                continue;
            }
            for (int i = 0; i < 2_000; i++) {
                // every value twice or more (i % 1500), so that caches hit
                items.add(new Item(FieldRule.of(type), DeterminismDump.input(type, i % 1_500), "entity-" + i % 97));
            }
        }
        for (String strategy : List.of("hash", "token", "fpe", "redact")) {
            for (int i = 0; i < 1_000; i++) {
                items.add(new Item(FieldRule.of("person.nickname", strategy), "Thea-" + i % 700 + " Nr. " + i % 300, null));
            }
        }
        return items;
    }

    @Test
    void shuffledAndParallelRunsGiveTheSameOutputs() {
        List<Item> items = items();
        Anonymizer sequential = new Anonymizer(Fixtures.KEY);
        String[] expected = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            expected[i] = sequential.apply(item.rule(), item.value(), item.entity());
        }

        List<Integer> order = new ArrayList<>(IntStream.range(0, items.size()).boxed().toList());
        Collections.shuffle(order, new Random(3));
        Anonymizer shuffled = new Anonymizer(Fixtures.KEY, new Anonymizer.Options("example.org", "F-", 64));
        String[] shuffledOut = new String[items.size()];
        for (int i : order) {
            Item item = items.get(i);
            shuffledOut[i] = shuffled.apply(item.rule(), item.value(), item.entity());
        }

        Anonymizer parallel = new Anonymizer(Fixtures.KEY);
        String[] parallelOut = new String[items.size()];
        order.parallelStream().forEach(i -> {
            Item item = items.get(i);
            parallelOut[i] = parallel.apply(item.rule(), item.value(), item.entity());
        });

        assertThat(shuffledOut).containsExactly(expected);
        assertThat(parallelOut).containsExactly(expected);
    }

    @Test
    void manyThreadsOnOneInstanceAgree() throws Exception {
        Anonymizer shared = new Anonymizer(Fixtures.KEY);
        FieldRule email = FieldRule.of(DataType.EMAIL);
        List<String> expected = IntStream.range(0, 3_000).mapToObj(i -> shared.apply(email, Inputs.email(i % 1_000))).toList();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int offset = t * 37;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int k = 0; k < 3_000; k++) {
                        int i = (k + offset) % 3_000;
                        assertThat(shared.apply(email, Inputs.email(i % 1_000))).isEqualTo(expected.get(i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
