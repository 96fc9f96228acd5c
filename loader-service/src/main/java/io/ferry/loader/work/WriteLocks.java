package io.ferry.loader.work;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps one loader instance's writes to CERT apart while requests run side by side: loads of different stores run
 * together, two loads of one store never do (a request delivered again while its first delivery still loads waits,
 * then finds that load committed and answers from it), and a compensation runs alone, after the loads in progress
 * and before any that arrive while it waits. The coordinator already holds a compensation back until the run's loads
 * answered; this covers deliveries it cannot see, such as a re-sent request still queued here.
 */
public final class WriteLocks {

    /** Fair: a compensation waiting for the loads in progress is not overtaken by loads that arrive after it. */
    private final ReentrantReadWriteLock loadsOrCompensation = new ReentrantReadWriteLock(true);
    private final Map<String, ReentrantLock> stores = new ConcurrentHashMap<>();

    public <T> T load(String store, Supplier<T> work) {
        Lock loads = loadsOrCompensation.readLock();
        loads.lock();
        try {
            ReentrantLock one = stores.computeIfAbsent(store, s -> new ReentrantLock(true));
            one.lock();
            try {
                return work.get();
            } finally {
                one.unlock();
            }
        } finally {
            loads.unlock();
        }
    }

    public <T> T compensate(Supplier<T> work) {
        Lock alone = loadsOrCompensation.writeLock();
        alone.lock();
        try {
            return work.get();
        } finally {
            alone.unlock();
        }
    }
}
