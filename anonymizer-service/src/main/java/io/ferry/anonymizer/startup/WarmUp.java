package io.ferry.anonymizer.startup;

import io.ferry.anonymize.AnonymizationKey;
import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.text.DictionaryHashes;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymizer.leak.RunLeakCheck;
import io.ferry.anonymizer.work.BatchJob;
import io.ferry.anonymizer.work.TransformPool;
import io.ferry.anonymizer.work.RunTools;
import io.ferry.batches.BatchSchema;
import io.ferry.batches.BatchWriter;
import io.ferry.batches.BatchWriterOptions;
import io.ferry.batches.FileKey;
import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.WorkFolders;
import io.ferry.service.warmup.SyntheticPeople;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A rehearsal of the service's work on {@link SyntheticPeople made-up people}, run once at start so that the JIT
 * has compiled the batch path before the first run's batches arrive: raw encrypted batches into a private staging
 * folder, each through {@link BatchJob} (decrypt, every rule's strategy, free-text and JSON scrubbing, the per-batch
 * check, leak hashes, the anonymized twin), then the run's leak check over the twins. In {@code ferry bench} a cold
 * anonymizer took 14 s for {@code user_account}'s 41,975 rows that it anonymized in 2.8 s once warm.
 *
 * <p>Keys are random and thrown away, the folder is deleted afterwards: nothing of it outlives the rehearsal, and it
 * never sees a run's data, spec or key.
 */
public final class WarmUp {

    private static final String RUN = "mig-20000101000000-000";
    private static final String FINGERPRINT = "warm-up";

    /**
     * What the rehearsal did.
     *
     * @param findings the leak check's findings: none, unless the anonymizer is broken
     */
    public record Result(long rows, long fieldsChanged, long scrubbed, long tokensChecked, int findings,
            double seconds) {
    }

    private final Path folder;
    private final Anonymizer.Options options;
    private final TransformPool transformers;

    /**
     * @param folder       a folder of its own (created, then deleted with everything in it)
     * @param options      the anonymizer's output options, as the service's runs use them
     * @param transformers the service's pool that anonymizes batches in chunks
     */
    public WarmUp(Path folder, Anonymizer.Options options, TransformPool transformers) {
        this.folder = folder;
        this.options = options;
        this.transformers = transformers;
    }

    /**
     * @param rows    rows per batch
     * @param batches batches anonymized at once, one per worker thread of the service
     * @param rounds  times the batches are anonymized, each round on fresh batches
     */
    public Result run(int rows, int batches, int rounds) throws IOException {
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        AnonymizationKey key = new AnonymizationKey(1, bytes(random, AnonymizationKey.MIN_BYTES));
        FileKey rawKey = new FileKey(1, bytes(random, 32));
        byte[] dictionaryKey = bytes(random, 32);
        try {
            Files.createDirectories(folder);
            Staging staging = new FileSystemStaging(folder.resolve("staging"));
            RunTools tools = new RunTools(RuleIndex.of(SyntheticPeople.rules()), new Anonymizer(key, options),
                    scrubber(dictionaryKey, key), new LeakKey(key));
            BatchJob job = new BatchJob(staging, () -> rawKey, folder.resolve("work"), 32L << 20, transformers);
            long[] totals = new long[3];
            ExecutorService pool = Executors.newFixedThreadPool(batches);
            try {
                int seq = 0;
                for (int round = 0; round < rounds; round++) {
                    List<Future<BatchJob.Done>> work = new ArrayList<>();
                    for (int b = 0; b < batches; b++, seq++) {
                        BatchManifest raw = stageRaw(staging, rawKey, seq, (long) seq * rows, rows);
                        work.add(pool.submit(() -> job.anonymize(raw, tools)));
                    }
                    for (Future<BatchJob.Done> f : work) {
                        BatchJob.Done done = f.get();
                        totals[0] += done.manifest().rows();
                        totals[1] += done.fieldsChanged();
                        totals[2] += done.scrubbed();
                    }
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a warm-up batch failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            } finally {
                pool.shutdownNow();
            }
            RunLeakCheck.Verdict verdict = new RunLeakCheck(staging, tools.leakKey(),
                    (batch, columns) -> tools.bind(new TableId(batch.store(), batch.schema(), batch.table()), columns),
                    folder.resolve("leak"), batches).check(RunId.parse(RUN), LeakHashes.empty());
            return new Result(totals[0], totals[1], totals[2], verdict.tokensChecked(), verdict.findings().size(),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            WorkFolders.deleteTree(folder);
        }
    }

    /**
     * A scrubber whose district dictionary holds every name the made-up people can have, as a run's dictionary holds
     * all of its district's: fake names are drawn outside it, so no fake name is a source name the leak check finds.
     */
    private TextScrubber scrubber(byte[] dictionaryKey, AnonymizationKey key) throws IOException {
        TokenDictionary dictionary = new TokenDictionary(dictionaryKey);
        SyntheticPeople.allNames().forEach(name -> dictionary.add(DataType.FIRST_NAME, name));
        Path file = folder.resolve("tokens.txt");
        dictionary.writeTo(file);
        return new TextScrubber(dictionaryKey, DictionaryHashes.read(file), key.derive("scrub"), key.version());
    }

    private BatchManifest stageRaw(Staging staging, FileKey rawKey, int seq, long firstId, int rows)
            throws IOException {
        BatchId id = BatchId.of(RUN, Phase.EXTRACT, SyntheticPeople.STORE, "public", SyntheticPeople.TABLE, seq);
        Path file = folder.resolve("raw-" + seq + ".parquet");
        try (BatchWriter w = BatchWriter.create(file, new BatchSchema(SyntheticPeople.columns(), java.util.Map.of()),
                BatchWriterOptions.defaults().withEncryption(rawKey))) {
            SyntheticPeople.rows(firstId, rows).forEach(w::write);
        }
        String stagingKey = StagingLayout.batch(id);
        BatchManifest manifest = new BatchManifest(id.toString(), RUN, "0".repeat(64), 1, Phase.EXTRACT,
                SyntheticPeople.STORE, "public", SyntheticPeople.TABLE, BatchKind.TABLE, seq, stagingKey, rows,
                Files.size(file), BatchJob.sha256(file), FINGERPRINT, rawKey.version(), true, false);
        staging.put(stagingKey, file);
        Files.delete(file);
        return manifest;
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
