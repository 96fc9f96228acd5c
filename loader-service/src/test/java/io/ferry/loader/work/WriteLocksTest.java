package io.ferry.loader.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteLocksTest {

    private final WriteLocks locks = new WriteLocks();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void loadsOfDifferentStoresRunTogether() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        Future<Boolean> a = threads.submit(() -> locks.load("a", () -> meet(bothIn)));
        Future<Boolean> b = threads.submit(() -> locks.load("b", () -> meet(bothIn)));
        assertThat(a.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void twoLoadsOfOneStoreNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<Integer>> loads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            loads.add(threads.submit(() -> locks.load("a", () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(100);
                return inside.decrementAndGet();
            })));
        }
        for (Future<Integer> load : loads) {
            load.get(10, TimeUnit.SECONDS);
        }
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void aCompensationWaitsForTheLoadInProgressAndGoesBeforeALoadThatCameAfterIt() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> first = threads.submit(() -> locks.load("a", () -> {
            loading.countDown();
            await(finish);
            order.add("load a");
            return null;
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] compensating = new Thread[1];
        Future<?> compensation = threads.submit(() -> {
            compensating[0] = Thread.currentThread();
            return locks.compensate(() -> order.add("compensate"));
        });
        waitUntilParked(() -> compensating[0]);
        Future<?> later = threads.submit(() -> locks.load("b", () -> order.add("load b")));
        sleep(200);
        assertThat(order).as("nothing ran beside the load in progress").isEmpty();

        finish.countDown();
        first.get(10, TimeUnit.SECONDS);
        compensation.get(10, TimeUnit.SECONDS);
        later.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("load a", "compensate", "load b");
    }

    private static boolean meet(CountDownLatch latch) {
        latch.countDown();
        return await(latch);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitUntilParked(java.util.function.Supplier<Thread> thread) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the compensation waits for the lock").isLessThan(until);
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
