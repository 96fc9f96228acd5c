package io.ferry.coordinator.saga;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.Finding;
import io.ferry.contracts.messages.VerifyStatus;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.messages.ValidationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run driven through the saga event by event, for tests: a plan of two stores, {@code a} extracted first and
 * {@code b} in the second wave (it needs {@code a}'s keys), loaded {@code a} then {@code b}; each of {@code a}'s and
 * {@code b}'s one table extracted as two batches. Results are built as the phase services send them.
 */
final class RunScript {

    static final String RUN = "mig-20261123150000-001";
    static final String DISTRICT = "district-001";
    static final String SPEC = "a".repeat(64);
    static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    final RunSaga saga;
    RunState state;
    Decision last;

    RunScript(RunSaga saga) {
        this.saga = saga;
    }

    static RunPlan plan(Set<Gate> gates, String replaces) {
        return new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of()), new RunPlan.ExtractStep("b", 1, List.of("a"))),
                List.of("a", "b"), gates, replaces);
    }

    static RunScript requested(RunOptions options, Set<Gate> specGates) {
        RunScript script = new RunScript(RunSaga.defaults());
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, DISTRICT, SPEC, options, plan(specGates, null), "ops", AT));
        return script;
    }

    /** A run that reuses an earlier run's kept extraction: store a's two batches and b's one, all anonymized. */
    static RunScript reusing() {
        RunScript script = new RunScript(RunSaga.defaults());
        RunPlan.Reuse reuse = new RunPlan.Reuse("mig-20261122150000-001", 1, Map.of("a/public.t_a", 2, "b/public.t_b", 1),
                Map.of("a/public.t_a", Set.of(0, 1), "b/public.t_b", Set.of(0)));
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, DISTRICT, SPEC, new RunOptions(false, false, false, true,
                Set.of()), plan(Set.of(Gate.BEFORE_EXTRACT), null).reusing(reuse), "ops", AT));
        return script;
    }

    static RunScript requested() {
        return requested(RunOptions.defaults(), Set.of());
    }

    RunScript on(RunEvent event) {
        last = saga.decide(state, event);
        state = last.state();
        return this;
    }

    RunScript answer(Message result) {
        return on(new RunEvent.Answered(UUID.randomUUID(), result, "service", AT));
    }

    // The steps of a run that goes well, in order.

    RunScript preflightPassed() {
        return answer(preflight(1, CheckStatus.PASSED, null));
    }

    RunScript extracted(String store) {
        return answer(extract(store, 1, null));
    }

    RunScript anonymized(String store, int seq) {
        return on(new RunEvent.BatchAnonymized(UUID.randomUUID(), batch(store, seq), AT));
    }

    RunScript extractedAndAnonymized() {
        return preflightPassed().extracted("a").anonymized("a", 0).anonymized("a", 1).extracted("b").anonymized("b", 0)
                .anonymized("b", 1);
    }

    RunScript leakCheckPassed() {
        return answer(leakCheck(CheckStatus.PASSED));
    }

    RunScript validatePassed() {
        return answer(validate(ValidationStatus.PASSED));
    }

    RunScript slot() {
        return on(new RunEvent.LoadSlotGranted(UUID.randomUUID(), AT));
    }

    RunScript loaded(String store) {
        return answer(load(store, 1, null));
    }

    RunScript validated() {
        return extractedAndAnonymized().leakCheckPassed().validatePassed();
    }

    RunScript loading() {
        return validated().slot();
    }

    RunScript succeeded() {
        return loading().loaded("a").loaded("b");
    }

    // Messages as the phase services send them.

    static PreflightResult preflight(int attempt, CheckStatus status, Failure failure) {
        return new PreflightResult(RUN, SPEC, attempt, status, 12, status == CheckStatus.FAILED && failure == null
                ? List.of(new PreflightResult.Finding("a", "public.person", "email",
                        PreflightResult.Problem.UNRULED_PERSONAL_FIELD, "person.email")) : List.of(), failure);
    }

    static ExtractResult extract(String store, int attempt, Failure failure) {
        return new ExtractResult(RUN, SPEC, attempt, store, failure != null ? List.of()
                : List.of(new ExtractResult.TableBatches("public", "t_" + store, BatchKind.TABLE, 2, 500)),
                failure != null ? null : "keys/" + store, List.of(), List.of(), failure);
    }

    static BatchManifest batch(String store, int seq) {
        String id = BatchId.of(RUN, Phase.ANONYMIZE, store, "public", "t_" + store, seq).toString();
        return new BatchManifest(id, RUN, SPEC, 1, Phase.ANONYMIZE, store, "public", "t_" + store, BatchKind.TABLE, seq,
                RUN + "/anonymized/" + store + "/public.t_" + store + "/part-" + seq + ".parquet", 250, 1000,
                "b".repeat(64), "fingerprint", 1, false, seq == 1);
    }

    static LeakCheckResult leakCheck(CheckStatus status) {
        return new LeakCheckResult(RUN, SPEC, 1, status, 40, status == CheckStatus.FAILED
                ? List.of(new LeakCheckResult.Finding("b1", "a", "public.t_a", "name", "hash")) : List.of(), null);
    }

    static ValidateResult validate(ValidationStatus status) {
        return new ValidateResult(RUN, SPEC, 1, status, List.of(), Map.of("a", "fp-a", "b", "fp-b"), null);
    }

    static LoadResult load(String store, int attempt, Failure failure) {
        return new LoadResult(RUN, SPEC, attempt, store, failure != null ? List.of()
                : List.of(new LoadResult.TableCounts("public", "t_" + store, BatchKind.TABLE, 500, 0, 3, 0, null)), failure);
    }

    static CompensateResult compensate(int attempt, CompensationStatus status, Failure failure) {
        return new CompensateResult(RUN, SPEC, attempt, status, Map.of(), Map.of(), status == CompensationStatus.BLOCKED
                ? List.of(new CompensateResult.BlockedRow("a", "public.t_a", "7", CompensateResult.Cause.CHANGED_SINCE_LOAD))
                : List.of(), failure);
    }

    static VerifyResult verify(int attempt, VerifyStatus status, Failure failure) {
        return new VerifyResult(RUN, SPEC, attempt, status, status == VerifyStatus.INVALID && failure == null
                ? List.of(new Finding("verify.changed", Severity.ERROR, "a", "public.t_a", null, 1, List.of("{\"id\": \"7\"}")))
                : List.of(), failure);
    }

    static Failure failure(Failure.Kind kind) {
        return new Failure(kind, "CERT_UNREACHABLE", "store a (cert) did not answer");
    }
}
