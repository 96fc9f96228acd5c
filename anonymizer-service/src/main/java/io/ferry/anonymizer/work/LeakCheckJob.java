package io.ferry.anonymizer.work;

import io.ferry.service.StepFailure;
import io.ferry.anonymizer.leak.Honeytokens;
import io.ferry.anonymizer.leak.RunLeakCheck;
import io.ferry.contracts.ids.RunId;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.schema.model.TableId;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ferry.leakcheck.requests.v1}: the run's leak check ({@link RunLeakCheck}) over every anonymized
 * batch, refused when staging holds fewer batches than the coordinator counted. Passes only with no
 * finding.
 */
public final class LeakCheckJob {

    private final Staging staging;
    private final Path tempDir;
    private final int threads;
    private final Honeytokens honeytokens;

    public LeakCheckJob(Staging staging, Path tempDir, int threads, Honeytokens honeytokens) {
        this.staging = staging;
        this.tempDir = tempDir;
        this.threads = threads;
        this.honeytokens = honeytokens;
    }

    public LeakCheckResult check(LeakCheckRequest request, RunTools tools) {
        RunLeakCheck check = new RunLeakCheck(staging, tools.leakKey(),
                (batch, columns) -> tools.bind(new TableId(batch.store(), batch.schema(), batch.table()), columns),
                tempDir, threads);
        RunLeakCheck.Verdict verdict;
        try {
            verdict = check.check(RunId.parse(request.runId()), honeytokens.hashes(tools.leakKey()));
        } catch (StagingException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", e.getMessage(), e);
        } catch (IOException e) {
            throw StepFailure.transientFailure("STAGING_UNAVAILABLE", "run " + request.runId()
                    + ": reading for the leak check failed (" + e.getClass().getSimpleName() + ")", e);
        }
        if (verdict.batches() < request.anonymizedBatches()) {
            throw StepFailure.fatal("LEAK_CHECK_INCOMPLETE", "run " + request.runId() + ": staging holds "
                    + verdict.batches() + " anonymized batches, the coordinator counted " + request.anonymizedBatches());
        }
        CheckStatus status = verdict.findings().isEmpty() ? CheckStatus.PASSED : CheckStatus.FAILED;
        return new LeakCheckResult(request.runId(), request.specHash(), request.attempt(), status,
                verdict.tokensChecked(), verdict.findings(), null, verdict.coincidences());
    }
}
