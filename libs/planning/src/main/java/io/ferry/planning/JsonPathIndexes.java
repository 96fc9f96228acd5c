package io.ferry.planning;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each table's (value, key) pairs of its JSON-path references ({@link ClosureEngine#jsonIndex}): built once per
 * closure and handed from pass to pass. Given a second session per store on the same snapshot, a table's pairs are
 * read on a thread of their own from the start of the closure, beside its first rounds; otherwise on the engine's
 * thread in the round that first needs them, which waits for the whole scan (a third of a second for the large
 * estate's events).
 */
final class JsonPathIndexes implements AutoCloseable {
    private final Function<String, RowSource> beside;
    /** Per table, per JSON-path reference: referenced value to the keys of the rows that hold it. */
    private final Map<TableId, CompletableFuture<Map<Reference, Map<Tuple, List<Tuple>>>>> tables = new HashMap<>();
    /** One scan at a time: two tables of one store share its second session. */
    private ExecutorService scans;

    /**
     * @param beside a second row source per store, on its own session in the same snapshot (opened when asked, on
     *               the engine's thread, and closed by the caller after {@link #close}); null reads every index on
     *               the engine's thread where it is first needed
     */
    JsonPathIndexes(Function<String, RowSource> beside) {
        this.beside = beside;
    }

    /** Starts reading a table's pairs beside the engine, unless they are read already or there is no second session. */
    void startBeside(TableId table, Function<RowSource, Map<Reference, Map<Tuple, List<Tuple>>>> read) {
        if (beside == null || tables.containsKey(table)) {
            return;
        }
        RowSource source = beside.apply(table.store());
        if (source == null) {
            return;
        }
        if (scans == null) {
            scans = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("closure-json-scan").factory());
        }
        tables.put(table, CompletableFuture.supplyAsync(() -> read.apply(source), scans));
    }

    /** The table's pairs: waits for a read started beside, reads them here ({@code read}) if none was. */
    Map<Reference, Map<Tuple, List<Tuple>>> get(TableId table, Supplier<Map<Reference, Map<Tuple, List<Tuple>>>> read) {
        CompletableFuture<Map<Reference, Map<Tuple, List<Tuple>>>> pairs = tables.get(table);
        if (pairs == null) {
            pairs = CompletableFuture.completedFuture(read.get());
            tables.put(table, pairs);
        }
        return Completions.join(pairs);
    }

    /** Waits for reads still running (so the second sessions are idle when the caller closes them) and drops the pairs. */
    @Override
    public void close() {
        for (CompletableFuture<?> pairs : new ArrayList<>(tables.values())) {
            try {
                pairs.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // The closure failed already, or gets the failure from get().
            }
        }
        tables.clear();
        if (scans != null) {
            scans.shutdown();
        }
    }
}
