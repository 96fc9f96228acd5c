package io.ferry.planning;

/** How many dictionary-coded keys one closure may hold on the heap before dictionaries spill. */
final class SpillBudget {
    private final long threshold;
    private long inMemory;

    SpillBudget(long threshold) {
        this.threshold = threshold;
    }

    /** Takes room for one key on the heap; false when the budget is spent and the caller must spill. */
    boolean reserve() {
        if (inMemory >= threshold) {
            return false;
        }
        inMemory++;
        return true;
    }

    void release(long keys) {
        inMemory -= keys;
    }
}
