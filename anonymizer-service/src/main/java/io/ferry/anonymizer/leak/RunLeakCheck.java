package io.ferry.anonymizer.leak;

import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.text.RecentTexts;
import io.ferry.anonymizer.rules.TableRules;
import io.ferry.batches.BatchColumn;
import io.ferry.batches.BatchReader;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import io.ferry.staging.StagingLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The run half of the leak check: every candidate token ({@link LeakTokens#candidates}) of every value of
 * every anonymized batch of the run (columns, JSON documents as text, graph properties), and the
 * identifying tuple of every row of a table with first-name, last-name and birth-date rules, is hashed
 * with the leak key and looked up among the source hashes the batches left under {@code {runId}/leak/}
 * and the watched hashes the caller adds (honeytokens). A finding names the batch, field and keyed hash,
 * never the value.
 *
 * <p>A row's tuple that equals a source tuple is not a finding when the anonymizer generated it for that batch
 * ({@link StagingLayout#generatedTuples}): it was made from that row's own, different tuple, and equals another
 * person's by chance (fake names come from the same lists as real ones and dates shift within the same years; a
 * district of 120,000 people meets a few such pairs). Those are counted as coincidences. A tuple the anonymizer
 * did not write, such as one put into a batch afterwards, is still found.
 */
public final class RunLeakCheck {

    /** Findings listed at most; the check fails on the first, the rest only make the report longer. */
    public static final int MAX_FINDINGS = 1000;

    /** The field name of an identifying tuple finding. */
    public static final String TUPLE_FIELD = "(first name, last name, birth date)";

    /**
     * The outcome: how many batches were read and tokens looked up, and what was found.
     *
     * @param coincidences rows whose generated tuple equals a source tuple by chance (not findings)
     */
    public record Verdict(int batches, long tokensChecked, int sourceHashes, List<LeakCheckResult.Finding> findings,
            long coincidences) {
    }

    private final Staging staging;
    private final LeakKey key;
    private final BiFunction<BatchId, List<BatchColumn>, TableRules> rules;
    private final Path tempDir;
    private final int threads;

    /**
     * @param rules the rules of a batch's table bound to its columns (for its identifying tuple columns)
     */
    public RunLeakCheck(Staging staging, LeakKey key, BiFunction<BatchId, List<BatchColumn>, TableRules> rules,
            Path tempDir,
            int threads) {
        this.staging = staging;
        this.key = key;
        this.rules = rules;
        this.tempDir = tempDir;
        this.threads = threads;
    }

    public Verdict check(RunId runId, LeakHashes watched) throws IOException {
        Files.createDirectories(tempDir);
        List<LeakHashes> sets = new ArrayList<>();
        sets.add(watched);
        Set<String> generated = new HashSet<>();
        for (ObjectInfo o : staging.list(StagingLayout.leak(runId))) {
            if (StagingLayout.isGeneratedTuples(o.key())) {
                generated.add(o.key());
            } else {
                sets.add(fetch(o.key(), LeakHashes::read));
            }
        }
        LeakHashes sources = LeakHashes.union(sets);
        List<BatchId> batches = new ArrayList<>();
        for (ObjectInfo o : staging.list(runId + "/anonymized/")) {
            StagingLayout.parse(o.key()).flatMap(StagingLocation::batch).ifPresent(batches::add);
        }
        AtomicLong tokens = new AtomicLong();
        AtomicLong coincidences = new AtomicLong();
        Set<LeakCheckResult.Finding> findings = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (BatchId batch : batches) {
                String tuples = StagingLayout.generatedTuples(batch);
                work.add(pool.submit(() -> scan(batch, sources, generated.contains(tuples) ? tuples : null, tokens,
                        coincidences, findings)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the leak check was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<LeakCheckResult.Finding> sorted = findings.stream()
                .sorted(Comparator.comparing(LeakCheckResult.Finding::batchId)
                        .thenComparing(LeakCheckResult.Finding::field)
                        .thenComparing(LeakCheckResult.Finding::keyedHash))
                .limit(MAX_FINDINGS)
                .toList();
        return new Verdict(batches.size(), tokens.get(), sources.size(), sorted, coincidences.get());
    }

    /** @param tuplesKey the batch's generated tuples, or null when it has none */
    private Void scan(BatchId batch, LeakHashes sources, String tuplesKey, AtomicLong tokens, AtomicLong coincidences,
            Set<LeakCheckResult.Finding> findings) {
        String table = batch.schema() + "." + batch.table();
        LeakHashes generated = tuplesKey == null ? LeakHashes.empty() : fetch(tuplesKey, LeakHashes::read);
        return fetch(StagingLayout.batch(batch), file -> {
            long seen = 0;
            try (BatchReader reader = BatchReader.open(file, null)) {
                List<BatchColumn> columns = reader.schema().columns();
                TableRules.Identity identity = rules.apply(batch, columns).identity();
                long[] count = {0};
                // A value met before in this batch without a finding (a status, a date, a role) is not cut and hashed
                // again: only its token count is added. About a third of a district's tokens are such repeats.
                RecentTexts<Integer> clean = new RecentTexts<>();
                LeakTokens.Encoder encoder = new LeakTokens.Encoder();
                LeakKey.Hasher hasher = key.hasher();
                boolean[] found = {false};
                for (String[] row = reader.next(); row != null; row = reader.next()) {
                    for (int i = 0; i < row.length; i++) {
                        String value = row[i];
                        if (value == null) {
                            continue;
                        }
                        Integer known = clean.get(value);
                        if (known != null) {
                            count[0] += known;
                            continue;
                        }
                        String field = columns.get(i).name();
                        long before = count[0];
                        found[0] = false;
                        encoder.candidates(value, (utf8, length) -> {
                            count[0]++;
                            long h = hasher.hash(utf8, length);
                            if (sources.contains(h)) {
                                found[0] = true;
                                findings.add(new LeakCheckResult.Finding(batch.toString(), batch.store(), table, field,
                                        LeakKey.hex(h)));
                            }
                        });
                        if (!found[0]) {
                            clean.put(value, (int) (count[0] - before));
                        }
                    }
                    if (identity.complete()) {
                        String tuple = SourceIdentifiers.tuple(row[identity.firstName()], row[identity.lastName()],
                                row[identity.birthDate()]);
                        if (tuple != null) {
                            count[0]++;
                            long h = hasher.hash(tuple);
                            if (sources.contains(h)) {
                                if (generated.contains(h)) {
                                    coincidences.incrementAndGet();
                                } else {
                                    findings.add(new LeakCheckResult.Finding(batch.toString(), batch.store(), table,
                                            TUPLE_FIELD, LeakKey.hex(h)));
                                }
                            }
                        }
                    }
                }
                seen = count[0];
            }
            tokens.addAndGet(seen);
            return null;
        });
    }

    /** Copies an object to a temp file, reads it, and deletes the copy. */
    private <T> T fetch(String objectKey, IoFunction<Path, T> read) {
        Path local = null;
        try {
            local = Files.createTempFile(tempDir, "leak-", ".tmp");
            staging.get(objectKey, local);
            return read.apply(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    // an anonymized copy or a hash set: nothing personal is left behind
                }
            }
        }
    }

    @FunctionalInterface
    private interface IoFunction<A, B> {
        B apply(A a) throws IOException;
    }
}
