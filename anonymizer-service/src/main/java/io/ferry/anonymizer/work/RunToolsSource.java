package io.ferry.anonymizer.work;

import io.ferry.anonymize.AnonymizationKey;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.strategy.Anonymizer;
import io.ferry.anonymize.text.DictionaryHashes;
import io.ferry.anonymize.text.TextScrubber;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.service.StepFailure;
import io.ferry.service.StepTimes;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import io.ferry.staging.StagingLayout;
import io.ferry.contracts.ids.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Builds and keeps the {@link RunTools} of recent runs: the anonymizer under the key the spec names (a
 * file in the secrets folder, never the spec itself), and the scrubber over the run's dictionary, which
 * the preflight wrote to {@code {runId}/dictionary/tokens.txt}. The anonymizer is shared by every run
 * with the same key, so its per-thread caches stay warm.
 */
public final class RunToolsSource {

    private static final Logger LOG = Logger.getLogger(RunToolsSource.class);

    /** Runs whose tools are kept; batches of a run arrive together, older runs are rebuilt if they come back. */
    private static final int RUNS = 8;

    private final Staging staging;
    private final Path secretsFolder;
    private final byte[] dictionaryKey;
    private final Anonymizer.Options options;
    private final Path tempDir;
    private final Map<String, RunTools> runs = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Anonymizer> anonymizers = new LinkedHashMap<>();

    public RunToolsSource(Staging staging, Path secretsFolder, byte[] dictionaryKey, Anonymizer.Options options,
            Path tempDir) {
        this.staging = staging;
        this.secretsFolder = secretsFolder;
        this.dictionaryKey = dictionaryKey.clone();
        this.options = options;
        this.tempDir = tempDir;
    }

    public synchronized RunTools forRun(String runId, LoadedSpec spec) {
        String id = runId + "/" + spec.specHash();
        RunTools tools = runs.get(id);
        if (tools == null) {
            tools = build(runId, spec);
            runs.put(id, tools);
            if (runs.size() > RUNS) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        return tools;
    }

    private RunTools build(String runId, LoadedSpec loaded) {
        if (loaded.spec().anonymize() == null || loaded.spec().anonymize().key() == null) {
            throw StepFailure.fatal("KEY_UNAVAILABLE", "spec " + loaded.specHash()
                    + " has no anonymize.key; add {file: secrets/ferry-key, version: 1}");
        }
        AnonymizationKey key;
        try {
            key = AnonymizationKey.fromSpec(secretsFolder, loaded.spec().anonymize().key());
        } catch (RuntimeException e) {
            throw StepFailure.fatal("KEY_UNAVAILABLE", "the anonymization key of spec " + loaded.specHash()
                    + " cannot be read from " + secretsFolder + ": " + e.getMessage());
        }
        // Built once per run while the run's first batches wait: each step's time is logged (a first batch of a
        // run took about 4 s in ferry bench).
        StepTimes steps = new StepTimes();
        Anonymizer anonymizer = anonymizers.computeIfAbsent(key.version() + "/" + key.fingerprint(),
                k -> new Anonymizer(key, options));
        steps.mark("anonymizer");
        DictionaryHashes dictionary = dictionary(runId);
        steps.mark("dictionary");
        TextScrubber scrubber = new TextScrubber(dictionaryKey, dictionary, key.derive("scrub"), key.version());
        steps.mark("scrubber");
        RunTools tools = new RunTools(RuleIndex.of(loaded.spec()), anonymizer, scrubber, new LeakKey(key));
        steps.mark("rules");
        LOG.infof("run %s: tools built (%s)", runId, steps);
        return tools;
    }

    private DictionaryHashes dictionary(String runId) {
        String name = StagingLayout.dictionary(RunId.parse(runId));
        Path local = null;
        try {
            if (staging.stat(name).isEmpty()) {
                throw StepFailure.fatal("DICTIONARY_MISSING", "run " + runId + " has no " + name
                        + "; the preflight writes it, so run the preflight before extracting");
            }
            Files.createDirectories(tempDir);
            local = Files.createTempFile(tempDir, "tokens-", ".txt");
            staging.get(name, local);
            return DictionaryHashes.read(local);
        } catch (StagingException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw StepFailure.fatal("DICTIONARY_UNREADABLE", "run " + runId + ": " + name + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    // keyed hashes only: nothing personal is left behind
                }
            }
        }
    }
}
