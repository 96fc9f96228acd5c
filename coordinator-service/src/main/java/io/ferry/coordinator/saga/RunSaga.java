package io.ferry.coordinator.saga;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.Message;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.contracts.messages.Severity;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.contracts.Phase;
import io.ferry.coordinator.saga.RunEvent.Answered;
import io.ferry.coordinator.saga.RunEvent.Approved;
import io.ferry.coordinator.saga.RunEvent.BatchAnonymized;
import io.ferry.coordinator.saga.RunEvent.Cancelled;
import io.ferry.coordinator.saga.RunEvent.DeadLettered;
import io.ferry.coordinator.saga.RunEvent.LoadSlotGranted;
import io.ferry.coordinator.saga.RunEvent.Requested;
import io.ferry.coordinator.saga.RunEvent.Resumed;
import io.ferry.coordinator.saga.RunEvent.RollbackRequested;
import io.ferry.coordinator.saga.RunEvent.Stalled;
import io.ferry.coordinator.saga.RunEvent.VerifyRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run saga: {@code decide(state, event) -> (state', effects)}, pure (no clock, no I/O). The coordinator
 * persists each decision in one transaction (run row, audit event, outbox rows) and carries out its effects.
 *
 * <p>Failures are classified by the answering service: transient ones are retried as new attempts of the same
 * command after the configured backoff, then treated as fatal; a blocking one stops the run in {@code BLOCKED}
 * until {@code resume}; a fatal one ends the run {@code FAILED} before any load was asked for, and compensates it
 * after. A result of an older attempt, or one for a command the run no longer waits for, changes nothing.
 */
public final class RunSaga {

    private final List<Duration> backoff;
    private final int stallLimit;

    /**
     * @param backoff    the wait before each retry of a transiently failed command; its size is the number of retries
     * @param stallLimit sweeps without progress that re-send the current step before the run gives up
     */
    public RunSaga(List<Duration> backoff, int stallLimit) {
        this.backoff = List.copyOf(backoff);
        this.stallLimit = stallLimit;
    }

    /** Three retries after 2 s, 8 s and 30 s; three re-sends of a stuck step. */
    public static RunSaga defaults() {
        return new RunSaga(List.of(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(30)), 3);
    }

    /**
     * @param state the run as it is; null only for {@link Requested}, which creates it
     * @throws RunActionRefused an operator's action the run's state does not allow
     */
    public Decision decide(RunState state, RunEvent event) {
        if (event instanceof Requested r) {
            if (state != null) {
                throw new RunActionRefused("run " + state.runId() + " exists already");
            }
            return start(r);
        }
        if (state == null) {
            throw new IllegalArgumentException("no run for " + event.getClass().getSimpleName());
        }
        Turn turn = new Turn(state, event);
        switch (event) {
            case Answered a -> answered(turn, a);
            case BatchAnonymized b -> anonymized(turn, b.manifest());
            case LoadSlotGranted g -> slotGranted(turn);
            case Approved a -> approve(turn);
            case Cancelled c -> cancel(turn, c);
            case RollbackRequested r -> rollback(turn, r);
            case Resumed r -> resume(turn, r);
            case Stalled s -> stalled(turn);
            case VerifyRequested v -> verify(turn);
            case DeadLettered d -> deadLettered(turn, d);
            case Requested r -> throw new IllegalStateException("handled above");
        }
        return turn.decision();
    }

    private Decision start(Requested r) {
        RunPlan.Reuse reuse = r.plan().reuse();
        if (reuse != null) {
            return startReusing(r, reuse);
        }
        RunState created = new RunState(r.runId(), r.district(), r.specHash(), r.by(), r.options(), r.plan(),
                RunStatus.REQUESTED, Step.PREFLIGHT, null, null, null, "requested", Map.of(), Map.of(), 0,
                Set.of(), Map.of(), Map.of(), Map.of(), List.of(), 0, null, Set.of(), null);
        Turn turn = new Turn(created, r);
        turn.announce(null, created.reason());
        turn.send(Commands.preflight(r.runId()), new PreflightRequest(r.runId(), r.district(), r.specHash(), 1));
        turn.what("run requested for district " + r.district() + "; preflight sent");
        return turn.decision();
    }

    /**
     * A run that takes an earlier run's kept extraction (copied into its staging before it was requested): every
     * store counts as extracted with that run's batches, and it starts at the leak check of its own copy. No
     * preflight: the spec is the same (same hash), and so are its rules and key version.
     */
    private Decision startReusing(Requested r, RunPlan.Reuse reuse) {
        Set<String> stores = new TreeSet<>();
        r.plan().extract().forEach(x -> stores.add(x.store()));
        RunState created = new RunState(r.runId(), r.district(), r.specHash(), r.by(), r.options(), r.plan(),
                RunStatus.RUNNING, Step.LEAK_CHECK, null, null, null, "extraction reused from run " + reuse.runId(),
                Map.of(), Map.of(), r.plan().lastWave(), stores, reuse.expected(), reuse.anonymized(), Map.of(),
                List.of(), 0, reuse.keyVersion(), Set.of(), null);
        Turn turn = new Turn(created, r);
        turn.announce(null, created.reason());
        int batches = created.anonymizedBatches();
        turn.send(Commands.leakCheck(r.runId()), new LeakCheckRequest(r.runId(), r.specHash(), 1, batches));
        turn.what("run requested for district " + r.district() + " reusing the extraction of run " + reuse.runId()
                + " (" + batches + " anonymized batches copied); leak check sent");
        return turn.decision();
    }

    private void answered(Turn turn, Answered a) {
        Commands.Answer answer = Commands.answered(a.result()).orElse(null);
        RunState s = turn.state;
        if (answer == null || !s.pending().containsKey(answer.commandId())
                || s.attempts().getOrDefault(answer.commandId(), 0) != answer.attempt()) {
            turn.what("ignored " + a.result().getClass().getSimpleName() + (answer == null ? ""
                    : " of " + answer.commandId() + " attempt " + answer.attempt()) + ": not awaited");
            return;
        }
        if (a.result() instanceof VerifyResult r) {
            verified(turn, r);
            return;
        }
        turn.b.stalls = 0;
        if (a.result() instanceof LoadResult r && s.step() == Step.COMPENSATE) {
            answeredWhileCompensating(turn, answer, r);
            return;
        }
        if (a.result() instanceof LoadResult r && answer.failure() != null
                && LoadResult.NOT_BEGUN.equals(answer.failure().code())) {
            notBegun(turn, answer, r);
            return;
        }
        if (answer.failure() != null) {
            failed(turn, answer, answer.failure());
            return;
        }
        turn.b.pending.remove(answer.commandId());
        switch (a.result()) {
            case PreflightResult r -> preflightDone(turn, r);
            case ExtractResult r -> extracted(turn, r);
            case LeakCheckResult r -> leakChecked(turn, r);
            case ValidateResult r -> validated(turn, r);
            case LoadResult r -> loaded(turn, r);
            case CompensateResult r -> compensated(turn, r);
            case VerifyResult r -> throw new IllegalStateException("answered above");
            default -> throw new IllegalStateException("answered() knows every result type");
        }
    }

    private void failed(Turn turn, Commands.Answer answer, Failure failure) {
        String what = answer.commandId() + " attempt " + answer.attempt() + " failed: " + failure.code() + ": "
                + failure.message();
        switch (failure.kind()) {
            case TRANSIENT -> {
                if (answer.attempt() <= backoff.size()) {
                    Duration wait = backoff.get(answer.attempt() - 1);
                    turn.resend(answer.commandId(), answer.attempt() + 1, wait);
                    turn.what(what + "; retry " + answer.attempt() + " of " + backoff.size() + " in " + wait.toSeconds()
                            + " s");
                } else {
                    turn.b.pending.remove(answer.commandId());
                    turn.fail(what + " (gave up after " + answer.attempt() + " attempts)");
                }
            }
            case BLOCKING -> {
                turn.b.blocked.add(answer.commandId());
                turn.block(failure.message(), "ferry resume " + turn.state.runId(), what);
            }
            case FATAL -> {
                turn.b.pending.remove(answer.commandId());
                turn.fail(what);
            }
        }
    }

    private void preflightDone(Turn turn, PreflightResult r) {
        if (r.status() == CheckStatus.FAILED) {
            turn.fail("preflight found " + r.findings().size() + " field(s) to fix before a run (see the findings)");
            return;
        }
        turn.what("preflight passed (" + r.fieldsClassified() + " fields classified)");
        if (turn.gates().contains(Gate.BEFORE_EXTRACT)) {
            turn.await(Gate.BEFORE_EXTRACT);
        } else {
            extractWave(turn, 0);
        }
    }

    private void extractWave(Turn turn, int wave) {
        RunState s = turn.state;
        if (turn.b.status != RunStatus.RUNNING || turn.b.step != Step.EXTRACT) {
            turn.running(Step.EXTRACT, "extracting");
        }
        turn.b.wave = wave;
        for (RunPlan.ExtractStep store : s.plan().wave(wave)) {
            turn.send(Commands.extract(s.runId(), store.store()), new ExtractRequest(s.runId(), s.district(), s.specHash(),
                    1, store.store(), wave, store.dependsOn()));
        }
        turn.what("extraction wave " + wave + " sent: " + s.plan().wave(wave).stream().map(RunPlan.ExtractStep::store)
                .toList());
    }

    private void extracted(Turn turn, ExtractResult r) {
        turn.b.extracted.add(r.store());
        for (ExtractResult.TableBatches t : r.tables()) {
            turn.b.expected.put(r.store() + "/" + t.schema() + "." + t.table(), t.batches());
        }
        turn.what("store " + r.store() + " extracted: " + r.tables().stream().mapToLong(ExtractResult.TableBatches::rows)
                .sum() + " rows in " + r.tables().stream().mapToInt(ExtractResult.TableBatches::batches).sum() + " batches");
        RunPlan plan = turn.state.plan();
        boolean waveDone = plan.wave(turn.b.wave).stream().allMatch(x -> turn.b.extracted.contains(x.store()));
        if (waveDone && turn.b.wave < plan.lastWave()) {
            extractWave(turn, turn.b.wave + 1);
        }
        leakCheckWhenAnonymized(turn);
    }

    private void anonymized(Turn turn, BatchManifest m) {
        if (m.phase() != Phase.ANONYMIZE || turn.state.step() != Step.EXTRACT) {
            turn.what("ignored anonymized batch " + m.batchId() + ": the run is past anonymization");
            return;
        }
        turn.b.stalls = 0;
        turn.b.keyVersion = m.keyVersion();
        turn.b.anonymized.computeIfAbsent(m.store() + "/" + m.schema() + "." + m.table(), k -> new TreeSet<>())
                .add(m.seq());
        turn.what("batch " + m.batchId() + " anonymized");
        leakCheckWhenAnonymized(turn);
    }

    /** Every store extracted and, table by table, as many batches anonymized as were extracted. */
    private void leakCheckWhenAnonymized(Turn turn) {
        RunState s = turn.state;
        boolean allExtracted = s.plan().extract().stream().allMatch(x -> turn.b.extracted.contains(x.store()));
        boolean allAnonymized = turn.b.expected.entrySet().stream().allMatch(e ->
                turn.b.anonymized.getOrDefault(e.getKey(), Set.of()).size() >= e.getValue());
        if (!allExtracted || !allAnonymized) {
            return;
        }
        int batches = turn.b.anonymized.values().stream().mapToInt(Set::size).sum();
        turn.b.step = Step.LEAK_CHECK;
        turn.send(Commands.leakCheck(s.runId()), new LeakCheckRequest(s.runId(), s.specHash(), 1, batches));
        turn.what("every batch anonymized (" + batches + "); leak check sent");
    }

    private void leakChecked(Turn turn, LeakCheckResult r) {
        if (r.status() == CheckStatus.FAILED) {
            turn.fail("the leak check found " + r.findings().size() + " value(s) that look personal in anonymized batches");
            return;
        }
        RunState s = turn.state;
        turn.b.step = Step.VALIDATE;
        turn.send(Commands.validate(s.runId()), new ValidateRequest(s.runId(), s.district(), s.specHash(), 1,
                s.plan().replacesRunId()));
        turn.what("leak check passed (" + r.tokensChecked() + " tokens checked"
                + (r.coincidences() > 0 ? "; " + r.coincidences() + " generated identity tuple(s) equal another "
                        + "person's by chance" : "") + "); validation sent");
    }

    private void validated(Turn turn, ValidateResult r) {
        if (r.status() == ValidationStatus.FAILED) {
            turn.fail("validation FAILED with " + r.findings().size() + " finding(s)");
            return;
        }
        turn.b.fingerprints.putAll(r.certSchemaFingerprints());
        turn.what("validation " + r.status() + " (" + r.findings().size() + " finding(s))");
        RunOptions options = turn.state.options();
        if (!options.loads()) {
            turn.end(RunStatus.SUCCEEDED, options.dryRun() ? "dry run: validated, nothing written to CERT"
                    : "validated; loading skipped as asked");
        } else if (turn.gates().contains(Gate.BEFORE_LOAD)) {
            turn.await(Gate.BEFORE_LOAD);
        } else {
            queueLoad(turn);
        }
    }

    private static void queueLoad(Turn turn) {
        turn.running(Step.LOAD_QUEUED, "waiting for CERT's load slot");
        turn.b.waitingFor = "CERT's load slot (one run loads into CERT at a time)";
    }

    private void slotGranted(Turn turn) {
        if (turn.state.step() != Step.LOAD_QUEUED || turn.state.status() != RunStatus.RUNNING) {
            turn.what("ignored a load slot: the run is not waiting for one");
            return;
        }
        turn.running(Step.LOAD, "loading");
        loadReady(turn);
    }

    /**
     * Sends the load of every store not loaded nor loading whose waits are over ({@link RunPlan#readyToLoad}): the
     * stores it references that load before it are loaded, or in a plan made since ADR 4 loading (the loader reads
     * their key maps as soon as their loads decided them), so that every store's load goes out at once, in load
     * order. Ends the run when every store is loaded. A store sent again (after {@link #notBegun}) goes as a new
     * attempt, so the loader does not answer from its first.
     */
    private void loadReady(Turn turn) {
        RunState s = turn.state;
        RunPlan plan = s.plan();
        List<String> left = plan.loadOrder().stream().filter(x -> !turn.b.loaded.contains(x)).toList();
        if (left.isEmpty()) {
            turn.end(RunStatus.SUCCEEDED, "loaded into " + turn.b.loaded.size() + " store(s)");
            return;
        }
        List<String> sent = new ArrayList<>();
        for (String store : left) {
            String id = Commands.load(s.runId(), store);
            Set<String> inFlight = new HashSet<>();
            plan.loadOrder().stream().filter(x -> turn.b.pending.containsKey(Commands.load(s.runId(), x)))
                    .forEach(inFlight::add);
            if (turn.b.pending.containsKey(id) || !plan.readyToLoad(store, new HashSet<>(turn.b.loaded), inFlight)) {
                continue;
            }
            String fingerprint = turn.b.fingerprints.get(store);
            if (fingerprint == null) {
                turn.fail("validation reported no CERT schema fingerprint for store " + store + "; validate the run again");
                return;
            }
            int attempt = turn.b.attempts.getOrDefault(id, 0) + 1;
            turn.send(id, new LoadRequest(s.runId(), s.district(), s.specHash(), attempt, store, fingerprint,
                    plan.replacesRunId()), attempt);
            sent.add(store);
        }
        if (!sent.isEmpty()) {
            turn.what("load of " + (sent.size() == 1 ? "store " + sent.get(0) : "stores " + sent) + " sent");
        }
    }

    /**
     * A load that did not begin, for a store it references had no key map to give (its load failed): nothing was
     * written, so it is no retry; it goes again once the stores it waits for are loading or loaded.
     */
    private void notBegun(Turn turn, Commands.Answer answer, LoadResult r) {
        turn.b.pending.remove(answer.commandId());
        turn.what("store " + r.store() + " did not begin loading: " + answer.failure().message());
        if (turn.b.status == RunStatus.RUNNING) {
            loadReady(turn);
        }
    }

    private void loaded(Turn turn, LoadResult r) {
        turn.b.loaded.add(r.store());
        turn.what("store " + r.store() + " loaded: " + r.tables().stream().mapToLong(t -> t.inserted() + t.updated()).sum()
                + " rows written, " + r.tables().stream().mapToLong(LoadResult.TableCounts::remapped).sum() + " keys remapped");
        // A run blocked by another store's load sends nothing more until it is resumed.
        if (turn.b.status == RunStatus.RUNNING) {
            loadReady(turn);
        }
    }

    /**
     * A load in flight answered while compensation waits for it: loaded or not, it no longer writes, and the last of
     * them lets the compensation go.
     */
    private static void answeredWhileCompensating(Turn turn, Commands.Answer answer, LoadResult r) {
        turn.b.pending.remove(answer.commandId());
        if (answer.failure() == null) {
            turn.b.loaded.add(r.store());
        }
        turn.what("store " + r.store() + (answer.failure() == null ? " loaded" : " not loaded (" + answer.failure().code()
                + ")") + " while compensation waited for it");
        turn.compensateWhenNoLoadInFlight();
    }

    private void compensated(Turn turn, CompensateResult r) {
        String id = Commands.compensate(turn.state.runId());
        Pending compensation = turn.state.pending().get(id);
        if (r.status() == CompensationStatus.BLOCKED) {
            turn.b.pending.put(id, compensation);
            turn.b.blocked.add(id);
            turn.block(r.blocked().size() + " row(s) changed or referenced from outside since the load",
                    "ferry rollback " + turn.state.runId() + " --force", "compensation blocked by " + r.blocked().size()
                            + " row(s)");
            return;
        }
        // The reason compensation started, whatever happened since (a block, a resume).
        turn.end(RunStatus.COMPENSATED, ((CompensateRequest) compensation.message()).reason());
        turn.what("compensated: every store back to its state before the load");
    }

    private void approve(Turn turn) {
        RunState s = turn.state;
        if (s.status() != RunStatus.AWAITING_APPROVAL) {
            throw new RunActionRefused("run " + s.runId() + " is " + s.status() + ", not awaiting approval");
        }
        turn.what("approved " + s.awaiting() + " by " + turn.event.by());
        if (s.awaiting() == Gate.BEFORE_EXTRACT) {
            extractWave(turn, 0);
        } else {
            queueLoad(turn);
        }
    }

    private void cancel(Turn turn, Cancelled c) {
        RunState s = turn.state;
        if (s.status().isTerminal()) {
            throw new RunActionRefused("run " + s.runId() + " is " + s.status() + " already"
                    + (s.status() == RunStatus.SUCCEEDED ? "; roll it back instead" : ""));
        }
        if (s.step() == Step.COMPENSATE) {
            throw new RunActionRefused("run " + s.runId() + " is being taken out of CERT; it cannot be cancelled");
        }
        // Who and why stay in the audit trail: status changes and commands go on Kafka, names and free text do not.
        String reason = "cancelled by an operator";
        turn.what("cancelled by " + c.by() + (c.reason() == null ? "" : ": " + c.reason()));
        if (s.loadStarted()) {
            turn.compensate(reason, false);
        } else {
            turn.end(RunStatus.CANCELLED, reason);
        }
    }

    private void rollback(Turn turn, RollbackRequested r) {
        RunState s = turn.state;
        boolean loadedRun = s.status() == RunStatus.SUCCEEDED && s.options().loads();
        boolean stoppedCompensation = s.status() == RunStatus.COMPENSATION_FAILED
                || s.status() == RunStatus.BLOCKED && s.step() == Step.COMPENSATE;
        if (!loadedRun && !stoppedCompensation) {
            throw new RunActionRefused("run " + s.runId() + " is " + s.status() + (s.status().isActive()
                    ? "; cancel it instead" : " and has nothing in CERT to roll back"));
        }
        String reason = "rollback" + (r.force() ? " --force" : "") + " requested";
        turn.compensate(reason, r.force());
        turn.what(reason + " by " + r.by());
    }

    private void resume(Turn turn, Resumed r) {
        RunState s = turn.state;
        boolean waitingForBatches = s.status() == RunStatus.RUNNING && s.step() == Step.EXTRACT && s.pending().isEmpty();
        if (s.status() != RunStatus.BLOCKED && (!s.status().isActive() || s.status() == RunStatus.AWAITING_APPROVAL
                || s.pending().isEmpty() && !waitingForBatches)) {
            throw new RunActionRefused("run " + s.runId() + " is " + s.status() + (s.status() == RunStatus.AWAITING_APPROVAL
                    ? "; approve it to go on" : "; there is nothing to resume"));
        }
        if (!reconciled(turn, r.staged())) {
            return;
        }
        if (s.status() == RunStatus.BLOCKED) {
            for (String id : s.blocked()) {
                turn.resend(id, s.attempts().get(id) + 1, Duration.ZERO);
            }
            turn.running(s.step(), "resumed");
            if (s.step() == Step.COMPENSATE) {
                turn.b.status = RunStatus.COMPENSATING;
                turn.announceChange();
            }
            turn.what("resumed by " + turn.event.by() + ": " + s.blocked() + " sent again");
            if (s.step() == Step.LOAD) {
                // Stores loaded while the run was blocked may have readied others.
                loadReady(turn);
            }
            return;
        }
        turn.sendPendingAgain();
        turn.what("resumed by " + turn.event.by() + (s.pending().isEmpty() ? "" : ": " + s.pending().keySet() + " sent again"));
        if (s.step() == Step.EXTRACT) {
            leakCheckWhenAnonymized(turn);
        }
    }

    /**
     * Compares the anonymized batches the run counted with those staging holds. Batches there that no message
     * reported are counted now; batches the run counted that are gone fail the run (or compensate it once a load was
     * asked for): nothing downstream can work without them. Each difference goes into the audit line.
     *
     * @return whether the run goes on
     */
    private static boolean reconciled(Turn turn, Map<String, Set<Integer>> staged) {
        if (staged == null) {
            return true;
        }
        RunState s = turn.state;
        List<String> found = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        if (s.step() == Step.EXTRACT) {
            staged.forEach((table, seqs) -> seqs.forEach(seq -> {
                if (!s.anonymized().getOrDefault(table, Set.of()).contains(seq)) {
                    found.add(table + "#" + seq);
                    turn.b.anonymized.computeIfAbsent(table, k -> new TreeSet<>()).add(seq);
                }
            }));
        }
        s.anonymized().forEach((table, seqs) -> seqs.forEach(seq -> {
            if (!staged.getOrDefault(table, Set.of()).contains(seq)) {
                gone.add(table + "#" + seq);
            }
        }));
        if (!found.isEmpty()) {
            turn.what("reconciled with staging: " + found.size() + " anonymized batch(es) no message had reported, counted"
                    + " now: " + sample(found));
        }
        if (!gone.isEmpty() && s.step() != Step.COMPENSATE) {
            turn.fail("reconciled with staging: " + gone.size() + " anonymized batch(es) the run counted are gone from"
                    + " staging (" + sample(gone) + "); run the district again");
            return false;
        }
        return true;
    }

    private static String sample(List<String> items) {
        return items.stream().sorted().limit(5).toList() + (items.size() > 5 ? " and " + (items.size() - 5) + " more" : "");
    }

    /**
     * A verify of a run that wrote into CERT and is still there. Its status stays as it is; asking again sends a new
     * attempt, and only the newest attempt's answer counts.
     */
    private static void verify(Turn turn) {
        RunState s = turn.state;
        if (s.status() != RunStatus.SUCCEEDED || !s.options().loads()) {
            throw new RunActionRefused("run " + s.runId() + " is " + s.status() + (s.options().loads() ? ""
                    : s.options().dryRun() ? " as a dry run" : " without a load") + "; only a run that loaded into CERT"
                    + " and is still there can be verified");
        }
        String id = Commands.verify(s.runId());
        int attempt = s.attempts().getOrDefault(id, 0) + 1;
        Pending p = new Pending(id, new VerifyRequest(s.runId(), s.specHash(), attempt), attempt, turn.event.id());
        turn.b.pending.put(id, p);
        turn.b.attempts.put(id, attempt);
        turn.b.verification = Verification.asked(attempt);
        turn.effects.add(new Effect.Send(p, Duration.ZERO));
        turn.what("verify " + attempt + " asked for by " + turn.event.by());
    }

    /** The validator's verdict on what CERT holds for the run; one that could not run is recorded as such. */
    private static void verified(Turn turn, VerifyResult r) {
        turn.b.pending.remove(Commands.verify(turn.state.runId()));
        int errors = (int) r.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        String failure = r.failure() == null ? null : r.failure().code() + ": " + r.failure().message();
        turn.b.verification = new Verification(r.attempt(), failure == null ? r.status() : null, errors,
                r.findings().size() - errors, failure);
        turn.effects.add(new Effect.WriteReport());
        turn.what(failure != null ? "verify " + r.attempt() + " could not run: " + failure
                : "verify " + r.attempt() + ": " + r.status() + " (" + errors + " error and " + (r.findings().size() - errors)
                        + " warning finding(s))");
    }

    private void stalled(Turn turn) {
        RunState s = turn.state;
        // Every extract answered but batches missing: nothing to send again (the anonymizer takes no command from
        // the coordinator), but the run must not wait for ever.
        boolean waitingForBatches = s.status() == RunStatus.RUNNING && s.step() == Step.EXTRACT && s.pending().isEmpty();
        if (!s.status().isActive() || s.status() == RunStatus.BLOCKED || s.status() == RunStatus.AWAITING_APPROVAL
                || s.pending().isEmpty() && !waitingForBatches) {
            turn.what("sweep: nothing outstanding");
            return;
        }
        turn.b.stalls = s.stalls() + 1;
        String waited = waitingForBatches ? "the anonymized batches (" + s.anonymizedBatches() + " of "
                + s.expected().values().stream().mapToInt(Integer::intValue).sum() + " came)"
                : s.pending().keySet().toString();
        if (turn.b.stalls > stallLimit) {
            turn.fail("no answer to " + waited + " after " + stallLimit + " re-sends");
            return;
        }
        turn.sendPendingAgain();
        turn.what("sweep " + turn.b.stalls + " of " + stallLimit + ": waiting for " + waited
                + (s.pending().isEmpty() ? "" : ", sent again"));
    }

    private static void deadLettered(Turn turn, DeadLettered d) {
        String what = "a message on " + d.topic() + " was dead-lettered (" + d.reason() + ")";
        if (turn.state.status().isTerminal()) {
            turn.what("ignored: " + what + " after the run ended " + turn.state.status());
        } else {
            turn.fail(what);
        }
    }

    /** One decision in the making: the state being changed, the effects so far and the audit line. */
    private static final class Turn {
        final RunState state;
        final RunEvent event;
        final RunState.Builder b;
        final List<Effect> effects = new ArrayList<>();
        final List<String> what = new ArrayList<>();
        /**
         * Whether the compensation this turn asks for goes past rows changed since the load. Only a rollback asks for
         * it, of a run with no load in flight, so its compensation is sent in this turn; one that waits for loads is
         * sent by a later turn, whose flag is false.
         */
        boolean force;

        Turn(RunState state, RunEvent event) {
            this.state = state;
            this.event = event;
            this.b = state.change();
        }

        Set<Gate> gates() {
            Set<Gate> gates = EnumSet.noneOf(Gate.class);
            gates.addAll(state.plan().gates());
            gates.addAll(state.options().gates());
            return gates;
        }

        void what(String line) {
            what.add(line);
        }

        void send(String commandId, Message message) {
            send(commandId, message, 1);
        }

        /** A command sent afresh; {@code message} carries {@code attempt}. */
        void send(String commandId, Message message, int attempt) {
            Pending p = new Pending(commandId, message, attempt, event.id());
            b.pending.put(commandId, p);
            b.attempts.put(commandId, attempt);
            effects.add(new Effect.Send(p, Duration.ZERO));
        }

        /** A new attempt of a command: a new message id, the same causation. */
        void resend(String commandId, int attempt, Duration delay) {
            Pending was = b.pending.get(commandId);
            Pending p = new Pending(commandId, Commands.withAttempt(was.message(), attempt), attempt, was.causationId());
            b.pending.put(commandId, p);
            b.attempts.put(commandId, attempt);
            effects.add(new Effect.Send(p, delay));
        }

        /** The same attempts again, with the same message ids (a sweep or a resume of a stuck step). */
        void sendPendingAgain() {
            state.pending().values().forEach(p -> effects.add(new Effect.Send(p, Duration.ZERO)));
        }

        void running(Step step, String reason) {
            b.running(step);
            b.reason = reason;
            announceChange();
        }

        void await(Gate gate) {
            b.status = RunStatus.AWAITING_APPROVAL;
            b.awaiting = gate;
            b.waitingFor = "approval " + (gate == Gate.BEFORE_EXTRACT ? "before extraction" : "before loading");
            b.continueWith = "ferry approve " + state.runId();
            b.reason = "waiting for " + b.waitingFor;
            announceChange();
        }

        void block(String waitingFor, String continueWith, String line) {
            b.status = RunStatus.BLOCKED;
            b.waitingFor = waitingFor;
            b.continueWith = continueWith;
            b.reason = line;
            announceChange();
            what(line + "; blocked until " + continueWith);
        }

        /** A failure the run does not retry: ends it before any load, compensates it after, or stops compensation. */
        void fail(String reason) {
            if (state.step() == Step.COMPENSATE) {
                end(RunStatus.COMPENSATION_FAILED, reason);
            } else if (state.loadStarted()) {
                compensate(reason, false);
            } else {
                b.pending.clear();
                end(RunStatus.FAILED, reason);
            }
            what(reason);
        }

        /**
         * Takes the run out of CERT. Loads still in flight (sent, not answered, not blocked) could commit after a
         * compensation that ran beside them, so it waits for their answers ({@link #compensateWhenNoLoadInFlight}).
         */
        void compensate(String reason, boolean force) {
            b.pending.keySet().removeIf(id -> !id.startsWith("load/") || b.blocked.contains(id));
            b.running(Step.COMPENSATE);
            b.status = RunStatus.COMPENSATING;
            b.reason = reason;
            this.force = force;
            announceChange();
            compensateWhenNoLoadInFlight();
        }

        /** Sends the compensation once no load is in flight; until then, says which it waits for. */
        void compensateWhenNoLoadInFlight() {
            if (!b.pending.isEmpty()) {
                b.waitingFor = "the loads in flight to answer: " + b.pending.keySet().stream()
                        .map(id -> id.substring(id.lastIndexOf('/') + 1)).sorted().toList();
                what("compensation waits for " + b.waitingFor);
                return;
            }
            b.waitingFor = null;
            String id = Commands.compensate(state.runId());
            int attempt = b.attempts.getOrDefault(id, 0) + 1;
            Pending p = new Pending(id, new CompensateRequest(state.runId(), state.specHash(), attempt, force, b.reason),
                    attempt, event.id());
            b.pending.put(id, p);
            b.attempts.put(id, attempt);
            effects.add(new Effect.Send(p, Duration.ZERO));
        }

        void end(RunStatus status, String reason) {
            b.status = status;
            b.step = Step.DONE;
            b.awaiting = null;
            b.waitingFor = null;
            b.continueWith = null;
            b.reason = reason;
            b.pending.clear();
            b.blocked.clear();
            announceChange();
            effects.add(new Effect.CleanRawStaging());
            effects.add(new Effect.WriteReport());
        }

        void announceChange() {
            effects.removeIf(e -> e instanceof Effect.Announce);
            if (b.status != state.status()) {
                announce(state.status(), b.reason);
            }
        }

        void announce(RunStatus previous, String reason) {
            effects.add(new Effect.Announce(new RunStatusChanged(state.runId(), state.district(), b.status, previous,
                    reason, event.at())));
        }

        Decision decision() {
            return new Decision(b.build(), effects, String.join("; ", what));
        }
    }
}
