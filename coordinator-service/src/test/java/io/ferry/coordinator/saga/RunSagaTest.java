package io.ferry.coordinator.saga;

import static io.ferry.coordinator.saga.RunScript.RUN;
import static io.ferry.coordinator.saga.RunScript.AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.Failure.Kind;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.contracts.messages.ValidationStatus;
import io.ferry.contracts.messages.VerifyStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunSagaTest {

    /**
     * One transition: a run brought to a state by the events a run goes through, one more event, and what must
     * follow: the status, the step, and the commands sent (id and attempt; {@code +} marks an effect that is not
     * a command: {@code +report}, {@code +clean}).
     */
    record Transition(String name, Supplier<RunScript> given, Function<RunScript, RunScript> when, RunStatus status,
            Step step, List<String> effects) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Transition> transitions() {
        return Stream.of(
                t("a request sends the preflight", () -> new RunScript(RunSaga.defaults()), s -> s.on(requested(Set.of())),
                        RunStatus.REQUESTED, Step.PREFLIGHT, "preflight/" + RUN + "#1"),
                t("a run reusing a kept extraction starts at its leak check", () -> new RunScript(RunSaga.defaults()),
                        s -> RunScript.reusing(), RunStatus.RUNNING, Step.LEAK_CHECK, "leakcheck/" + RUN + "#1"),
                t("a passed preflight extracts wave 0", RunScript::requested, RunScript::preflightPassed,
                        RunStatus.RUNNING, Step.EXTRACT, "extract/" + RUN + "/a#1"),
                t("a passed preflight waits at the spec's gate before extraction", () -> RunScript.requested(
                        RunOptions.defaults(), Set.of(Gate.BEFORE_EXTRACT)), RunScript::preflightPassed,
                        RunStatus.AWAITING_APPROVAL, Step.PREFLIGHT),
                t("a failed preflight fails the run and cleans up", RunScript::requested,
                        s -> s.answer(RunScript.preflight(1, CheckStatus.FAILED, null)),
                        RunStatus.FAILED, Step.DONE, "+clean", "+report"),
                t("a transient preflight failure retries", RunScript::requested,
                        s -> s.answer(RunScript.preflight(1, CheckStatus.FAILED, RunScript.failure(Kind.TRANSIENT))),
                        RunStatus.REQUESTED, Step.PREFLIGHT, "preflight/" + RUN + "#2 after PT2S"),
                t("a fatal preflight failure fails the run", RunScript::requested,
                        s -> s.answer(RunScript.preflight(1, CheckStatus.FAILED, RunScript.failure(Kind.FATAL))),
                        RunStatus.FAILED, Step.DONE, "+clean", "+report"),
                t("wave 0 extracted sends wave 1", () -> RunScript.requested().preflightPassed(), s -> s.extracted("a"),
                        RunStatus.RUNNING, Step.EXTRACT, "extract/" + RUN + "/b#1"),
                t("every store extracted but batches missing waits", () -> RunScript.requested().preflightPassed()
                        .extracted("a").anonymized("a", 0).anonymized("a", 1), s -> s.extracted("b"),
                        RunStatus.RUNNING, Step.EXTRACT),
                t("the last batch anonymized sends the leak check", () -> RunScript.requested().preflightPassed()
                        .extracted("a").anonymized("a", 0).anonymized("a", 1).extracted("b").anonymized("b", 1),
                        s -> s.anonymized("b", 0), RunStatus.RUNNING, Step.LEAK_CHECK, "leakcheck/" + RUN + "#1"),
                t("a passed leak check sends validation", () -> RunScript.requested().extractedAndAnonymized(),
                        RunScript::leakCheckPassed, RunStatus.RUNNING, Step.VALIDATE, "validate/" + RUN + "#1"),
                t("a leak fails the run", () -> RunScript.requested().extractedAndAnonymized(),
                        s -> s.answer(RunScript.leakCheck(CheckStatus.FAILED)), RunStatus.FAILED, Step.DONE, "+clean",
                        "+report"),
                t("a passed validation queues the load", () -> RunScript.requested().extractedAndAnonymized()
                        .leakCheckPassed(), RunScript::validatePassed, RunStatus.RUNNING, Step.LOAD_QUEUED),
                t("validation with warnings queues the load too", () -> RunScript.requested().extractedAndAnonymized()
                        .leakCheckPassed(), s -> s.answer(RunScript.validate(ValidationStatus.PASSED_WITH_WARNINGS)),
                        RunStatus.RUNNING, Step.LOAD_QUEUED),
                t("a dry run succeeds after validation", () -> RunScript.requested(new RunOptions(true, false, false, false,
                        Set.of()), Set.of()).extractedAndAnonymized().leakCheckPassed(), RunScript::validatePassed,
                        RunStatus.SUCCEEDED, Step.DONE, "+clean", "+report"),
                t("skipLoad succeeds after validation", () -> RunScript.requested(new RunOptions(false, true, false, false,
                        Set.of()), Set.of()).extractedAndAnonymized().leakCheckPassed(), RunScript::validatePassed,
                        RunStatus.SUCCEEDED, Step.DONE, "+clean", "+report"),
                t("a gate the request adds waits before loading", () -> RunScript.requested(new RunOptions(false, false,
                        false, false, Set.of(Gate.BEFORE_LOAD)), Set.of()).extractedAndAnonymized().leakCheckPassed(),
                        RunScript::validatePassed, RunStatus.AWAITING_APPROVAL, Step.VALIDATE),
                t("failed validation fails the run before CERT is touched", () -> RunScript.requested()
                        .extractedAndAnonymized().leakCheckPassed(), s -> s.answer(RunScript.validate(
                        ValidationStatus.FAILED)), RunStatus.FAILED, Step.DONE, "+clean", "+report"),
                t("the load slot loads the first store", () -> RunScript.requested().validated(), RunScript::slot,
                        RunStatus.RUNNING, Step.LOAD, "load/" + RUN + "/a#1"),
                t("a loaded store loads the next", () -> RunScript.requested().loading(), s -> s.loaded("a"),
                        RunStatus.RUNNING, Step.LOAD, "load/" + RUN + "/b#1"),
                t("the last store loaded succeeds the run", () -> RunScript.requested().loading().loaded("a"),
                        s -> s.loaded("b"), RunStatus.SUCCEEDED, Step.DONE, "+clean", "+report"),
                t("a transient load failure retries the store", () -> RunScript.requested().loading(),
                        s -> s.answer(RunScript.load("a", 1, RunScript.failure(Kind.TRANSIENT))), RunStatus.RUNNING,
                        Step.LOAD, "load/" + RUN + "/a#2 after PT2S"),
                t("a fatal load failure compensates", () -> RunScript.requested().loading().loaded("a"),
                        s -> s.answer(RunScript.load("b", 1, RunScript.failure(Kind.FATAL))), RunStatus.COMPENSATING,
                        Step.COMPENSATE, "compensate/" + RUN + "#1"),
                t("a blocking load failure blocks the run", () -> RunScript.requested().loading(),
                        s -> s.answer(RunScript.load("a", 1, RunScript.failure(Kind.BLOCKING))), RunStatus.BLOCKED,
                        Step.LOAD),
                t("resume sends the blocked command again", () -> RunScript.requested().loading()
                        .answer(RunScript.load("a", 1, RunScript.failure(Kind.BLOCKING))), s -> s.on(
                        new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, null)), RunStatus.RUNNING, Step.LOAD,
                        "load/" + RUN + "/a#2"),
                t("compensation done ends COMPENSATED", () -> RunScript.requested().loading().answer(RunScript.load("a",
                        1, RunScript.failure(Kind.FATAL))), s -> s.answer(RunScript.compensate(1,
                        CompensationStatus.COMPENSATED, null)), RunStatus.COMPENSATED, Step.DONE, "+clean", "+report"),
                t("a blocked compensation waits for rollback --force", () -> RunScript.requested().succeeded()
                        .on(rollback(false)), s -> s.answer(RunScript.compensate(1, CompensationStatus.BLOCKED, null)),
                        RunStatus.BLOCKED, Step.COMPENSATE),
                t("a failed compensation ends COMPENSATION_FAILED", () -> RunScript.requested().succeeded()
                        .on(rollback(false)), s -> s.answer(RunScript.compensate(1, CompensationStatus.FAILED,
                        RunScript.failure(Kind.FATAL))), RunStatus.COMPENSATION_FAILED, Step.DONE, "+clean", "+report"),
                t("rollback of a loaded run compensates", () -> RunScript.requested().succeeded(), s -> s.on(
                        rollback(false)), RunStatus.COMPENSATING, Step.COMPENSATE, "compensate/" + RUN + "#1"),
                t("rollback --force goes on from a blocked compensation", () -> RunScript.requested().succeeded()
                        .on(rollback(false)).answer(RunScript.compensate(1, CompensationStatus.BLOCKED, null)),
                        s -> s.on(rollback(true)), RunStatus.COMPENSATING, Step.COMPENSATE, "compensate/" + RUN + "#2"),
                t("rollback again after a failed compensation", () -> RunScript.requested().succeeded()
                        .on(rollback(false)).answer(RunScript.compensate(1, CompensationStatus.FAILED,
                        RunScript.failure(Kind.FATAL))), s -> s.on(rollback(false)), RunStatus.COMPENSATING,
                        Step.COMPENSATE, "compensate/" + RUN + "#2"),
                t("approval before extraction extracts", () -> RunScript.requested(RunOptions.defaults(),
                        Set.of(Gate.BEFORE_EXTRACT)).preflightPassed(), s -> s.on(approve()), RunStatus.RUNNING,
                        Step.EXTRACT, "extract/" + RUN + "/a#1"),
                t("approval before loading queues the load", () -> RunScript.requested(RunOptions.defaults(),
                        Set.of(Gate.BEFORE_LOAD)).validated(), s -> s.on(approve()), RunStatus.RUNNING, Step.LOAD_QUEUED),
                t("cancel before loading ends CANCELLED and cleans up", () -> RunScript.requested().preflightPassed(),
                        s -> s.on(cancel()), RunStatus.CANCELLED, Step.DONE, "+clean", "+report"),
                t("cancel while waiting for approval ends CANCELLED", () -> RunScript.requested(RunOptions.defaults(),
                        Set.of(Gate.BEFORE_LOAD)).validated(), s -> s.on(cancel()), RunStatus.CANCELLED, Step.DONE,
                        "+clean", "+report"),
                t("cancel while loading waits for the load in flight", () -> RunScript.requested().loading(),
                        s -> s.on(cancel()), RunStatus.COMPENSATING, Step.COMPENSATE),
                t("the load compensation waited for answers: compensation goes", () -> RunScript.requested().loading()
                        .on(cancel()), s -> s.loaded("a"), RunStatus.COMPENSATING, Step.COMPENSATE,
                        "compensate/" + RUN + "#1"),
                t("a failed load compensation waited for sends it too, without a retry", () -> RunScript.requested()
                        .loading().on(cancel()), s -> s.answer(RunScript.load("a", 1, RunScript.failure(Kind.TRANSIENT))),
                        RunStatus.COMPENSATING, Step.COMPENSATE, "compensate/" + RUN + "#1"),
                t("cancel of a run blocked by its only load compensates at once", () -> RunScript.requested().loading()
                        .answer(RunScript.load("a", 1, RunScript.failure(Kind.BLOCKING))), s -> s.on(cancel()),
                        RunStatus.COMPENSATING, Step.COMPENSATE, "compensate/" + RUN + "#1"),
                t("a dead letter before loading fails the run", () -> RunScript.requested().preflightPassed(),
                        s -> s.on(deadLetter("ferry.extract.requests.v1")), RunStatus.FAILED, Step.DONE, "+clean",
                        "+report"),
                t("a dead letter while loading compensates after the load in flight", () -> RunScript.requested()
                        .loading(), s -> s.on(deadLetter("ferry.load.requests.v1")), RunStatus.COMPENSATING,
                        Step.COMPENSATE),
                t("a dead letter with no load in flight compensates at once", () -> RunScript.requested().loading()
                        .answer(RunScript.load("a", 1, RunScript.failure(Kind.BLOCKING))),
                        s -> s.on(deadLetter("ferry.load.requests.v1")), RunStatus.COMPENSATING, Step.COMPENSATE,
                        "compensate/" + RUN + "#1"),
                t("a dead letter while compensating ends COMPENSATION_FAILED", () -> RunScript.requested().loading()
                        .on(cancel()), s -> s.on(deadLetter("ferry.compensate.requests.v1")),
                        RunStatus.COMPENSATION_FAILED, Step.DONE, "+clean", "+report"),
                t("a dead letter after the run ended changes nothing", () -> RunScript.requested().succeeded(),
                        s -> s.on(deadLetter("ferry.load.requests.v1")), RunStatus.SUCCEEDED, Step.DONE),
                t("a sweep re-sends the current step with the same attempt", () -> RunScript.requested()
                        .preflightPassed(), s -> s.on(stalled()), RunStatus.RUNNING, Step.EXTRACT,
                        "extract/" + RUN + "/a#1"),
                t("verify of a loaded run asks the validator", () -> RunScript.requested().succeeded(), s -> s.on(verify()),
                        RunStatus.SUCCEEDED, Step.DONE, "verify/" + RUN + "#1"),
                t("verify asked again is a new attempt", () -> RunScript.requested().succeeded().on(verify()),
                        s -> s.on(verify()), RunStatus.SUCCEEDED, Step.DONE, "verify/" + RUN + "#2"),
                t("the verify answer rewrites the report, the status stays", () -> RunScript.requested().succeeded()
                        .on(verify()), s -> s.answer(RunScript.verify(1, VerifyStatus.INVALID, null)), RunStatus.SUCCEEDED,
                        Step.DONE, "+report"),
                t("a verify that could not run is not retried", () -> RunScript.requested().succeeded().on(verify()),
                        s -> s.answer(RunScript.verify(1, VerifyStatus.INVALID, RunScript.failure(Kind.TRANSIENT))),
                        RunStatus.SUCCEEDED, Step.DONE, "+report"),
                t("a sweep of a run waiting for approval does nothing", () -> RunScript.requested(RunOptions.defaults(),
                        Set.of(Gate.BEFORE_LOAD)).validated(), s -> s.on(stalled()), RunStatus.AWAITING_APPROVAL,
                        Step.VALIDATE));
    }

    private static Transition t(String name, Supplier<RunScript> given, Function<RunScript, RunScript> when,
            RunStatus status, Step step, String... effects) {
        return new Transition(name, given, when, status, step, List.of(effects));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void everyTransition(Transition t) {
        RunScript script = t.when().apply(t.given().get());
        assertThat(script.state.status()).isEqualTo(t.status());
        assertThat(script.state.step()).isEqualTo(t.step());
        assertThat(effects(script.last)).isEqualTo(t.effects());
        // Every status change, and only a change, is announced.
        List<RunStatusChanged> announced = script.last.effects().stream().filter(Effect.Announce.class::isInstance)
                .map(e -> ((Effect.Announce) e).change()).toList();
        if (announced.isEmpty()) {
            assertThat(script.last.what()).isNotBlank();
        } else {
            assertThat(announced).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(t.status());
                assertThat(c.status()).isNotEqualTo(c.previousStatus());
                assertThat(c.reason()).isNotBlank();
            });
        }
    }

    /** Commands as {@code id#attempt} (with a delay if any), other effects as {@code +name}; announcements left out. */
    private static List<String> effects(Decision d) {
        return d.effects().stream().filter(e -> !(e instanceof Effect.Announce)).map(e -> switch (e) {
            case Effect.Send s -> s.command().commandId() + "#" + s.command().attempt()
                    + (s.delay().isZero() ? "" : " after " + s.delay());
            case Effect.WriteReport r -> "+report";
            case Effect.CleanRawStaging c -> "+clean";
            case Effect.Announce a -> throw new IllegalStateException();
        }).toList();
    }

    @Test
    void aTransientFailureIsRetriedThreeTimesWithBackoffAsNewAttemptsOfOneCauseThenFailsTheRun() {
        RunScript script = RunScript.requested();
        UUID cause = ((Effect.Send) script.last.effects().stream().filter(Effect.Send.class::isInstance).findFirst()
                .orElseThrow()).command().causationId();
        List<Duration> waits = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            script.answer(RunScript.preflight(attempt, CheckStatus.FAILED, RunScript.failure(Kind.TRANSIENT)));
            Effect.Send retry = (Effect.Send) script.last.effects().get(0);
            assertThat(retry.command().attempt()).isEqualTo(attempt + 1);
            assertThat(retry.command().causationId()).isEqualTo(cause);
            assertThat(MessageIds.forAttempt(retry.command().commandId(), retry.command().attempt()))
                    .isNotEqualTo(MessageIds.forAttempt(retry.command().commandId(), attempt));
            waits.add(retry.delay());
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(30));
        script.answer(RunScript.preflight(4, CheckStatus.FAILED, RunScript.failure(Kind.TRANSIENT)));
        assertThat(script.state.status()).isEqualTo(RunStatus.FAILED);
        assertThat(script.state.reason()).contains("CERT_UNREACHABLE", "gave up after 4 attempts");
    }

    @Test
    void aResultOfAnOlderAttemptOrOfACommandNotAwaitedChangesNothing() {
        RunScript script = RunScript.requested().loading()
                .answer(RunScript.load("a", 1, RunScript.failure(Kind.TRANSIENT)));
        RunState retrying = script.state;
        script.answer(RunScript.load("a", 1, null));
        assertThat(script.state).isEqualTo(retrying);
        assertThat(script.last.effects()).isEmpty();
        assertThat(script.last.what()).contains("not awaited");
        script.answer(RunScript.load("b", 1, null));
        assertThat(script.state).isEqualTo(retrying);
        script.answer(RunScript.load("a", 2, null));
        assertThat(script.state.loaded()).containsExactly("a");
    }

    @Test
    void aWaveStartsWhenEveryStoreOfTheWaveBeforeIsExtracted() {
        RunPlan plan = new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of()),
                new RunPlan.ExtractStep("c", 0, List.of()), new RunPlan.ExtractStep("b", 1, List.of("a", "c"))),
                List.of("a", "c", "b"), Set.of(), null);
        RunScript script = new RunScript(RunSaga.defaults());
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC, RunOptions.defaults(),
                plan, "ops", AT)).preflightPassed();
        assertThat(script.state.pending()).containsOnlyKeys("extract/" + RUN + "/a", "extract/" + RUN + "/c");
        script.extracted("a");
        assertThat(script.last.effects()).isEmpty();
        script.extracted("c");
        assertThat(script.state.pending()).containsOnlyKeys("extract/" + RUN + "/b");
        assertThat(script.state.wave()).isEqualTo(1);
    }

    @Test
    void aBatchAnonymizedTwiceCountsOnceAndTheLeakCheckNamesEveryBatch() {
        RunScript script = RunScript.requested().preflightPassed().extracted("a").anonymized("a", 0).anonymized("a", 0)
                .extracted("b").anonymized("b", 0).anonymized("b", 1);
        assertThat(script.state.step()).isEqualTo(Step.EXTRACT);
        assertThat(script.state.anonymizedBatches()).isEqualTo(3);
        script.anonymized("a", 1);
        Effect.Send leak = (Effect.Send) script.last.effects().get(0);
        assertThat(((LeakCheckRequest) leak.command().message()).anonymizedBatches()).isEqualTo(4);
        script.anonymized("a", 1);
        assertThat(script.last.effects()).isEmpty();
        assertThat(script.state.step()).isEqualTo(Step.LEAK_CHECK);
    }

    @Test
    void aStuckStepIsSentAgainUpToTheLimitThenTheRunFails() {
        RunScript script = RunScript.requested().preflightPassed();
        UUID first = MessageIds.forAttempt("extract/" + RUN + "/a", 1);
        for (int sweep = 1; sweep <= 3; sweep++) {
            script.on(stalled());
            Effect.Send again = (Effect.Send) script.last.effects().get(0);
            assertThat(MessageIds.forAttempt(again.command().commandId(), again.command().attempt())).isEqualTo(first);
        }
        script.on(stalled());
        assertThat(script.state.status()).isEqualTo(RunStatus.FAILED);
        assertThat(script.state.reason()).contains("no answer to [extract/" + RUN + "/a] after 3 re-sends");
        // Progress resets the count.
        RunScript progressing = RunScript.requested().preflightPassed().on(stalled()).on(stalled()).extracted("a");
        assertThat(progressing.state.stalls()).isZero();
    }

    @Test
    void aRunWhoseBatchesStopComingIsSweptAndGivenUpThoughNothingIsOutstanding() {
        RunScript script = RunScript.requested().preflightPassed().extracted("a").anonymized("a", 0).anonymized("a", 1)
                .extracted("b").anonymized("b", 0);
        assertThat(script.state.pending()).isEmpty();
        for (int sweep = 1; sweep <= 3; sweep++) {
            script.on(stalled());
            assertThat(script.state.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(script.last.what()).contains("waiting for the anonymized batches (3 of 4 came)");
        }
        script.on(stalled());
        assertThat(script.state.status()).isEqualTo(RunStatus.FAILED);
        assertThat(script.state.reason()).isEqualTo("no answer to the anonymized batches (3 of 4 came) after 3 re-sends");
    }

    @Test
    void resumeSendsOnlyTheBlockedCommandAgainNotOthersStillAtWork() {
        RunPlan plan = new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of()),
                new RunPlan.ExtractStep("c", 0, List.of())), List.of("a", "c"), Set.of(), null);
        RunScript script = new RunScript(RunSaga.defaults());
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC, RunOptions.defaults(),
                plan, "ops", AT)).preflightPassed();
        script.answer(RunScript.extract("a", 1, RunScript.failure(Kind.BLOCKING)));
        assertThat(script.state.status()).isEqualTo(RunStatus.BLOCKED);
        script.on(resume());
        assertThat(effects(script.last)).containsExactly("extract/" + RUN + "/a#2");
        assertThat(script.state.attempts()).containsEntry("extract/" + RUN + "/c", 1);
        assertThat(script.state.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void whoAndWhyStayInTheAuditTrailNotInWhatGoesOnKafka() {
        RunScript script = RunScript.requested().loading().on(new RunEvent.Cancelled(UUID.randomUUID(), "jane.doe",
                "my own reasons", AT));
        assertThat(script.last.what()).startsWith("cancelled by jane.doe: my own reasons");
        assertThat(script.last.effects()).filteredOn(Effect.Announce.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Effect.Announce) e).change().reason()).isEqualTo("cancelled by an operator"));
        script.loaded("a");
        CompensateRequest request = (CompensateRequest) ((Effect.Send) script.last.effects().stream()
                .filter(Effect.Send.class::isInstance).findFirst().orElseThrow()).command().message();
        assertThat(request.reason()).isEqualTo("cancelled by an operator");
        // Compensated, the run keeps the reason its compensation started for.
        script.answer(RunScript.compensate(1, CompensationStatus.COMPENSATED, null));
        assertThat(script.state.reason()).isEqualTo("cancelled by an operator");
    }

    @Test
    void resumingARunThatWaitsOnNothingIsRefused() {
        assertThatThrownBy(() -> RunScript.requested().validated().on(resume())).isInstanceOf(RunActionRefused.class)
                .hasMessageContaining("nothing to resume");
    }

    @Test
    void loadsNameTheValidatedFingerprintAndForARefreshTheRunItReplaces() {
        RunScript script = new RunScript(RunSaga.defaults());
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC,
                new RunOptions(false, false, true, false, Set.of()), RunScript.plan(Set.of(), "mig-20261101000000-001"), "ops",
                AT));
        script.validated().slot();
        LoadRequest load = (LoadRequest) ((Effect.Send) script.last.effects().stream().filter(Effect.Send.class::isInstance)
                .findFirst().orElseThrow()).command().message();
        assertThat(load.store()).isEqualTo("a");
        assertThat(load.certSchemaFingerprint()).isEqualTo("fp-a");
        assertThat(load.replacesRunId()).isEqualTo("mig-20261101000000-001");
    }

    /** A refresh's validation knows the run it replaces: the rows that run inserted leave CERT before the new load. */
    @Test
    void aRefreshIsValidatedWithTheRunItReplaces() {
        RunScript script = new RunScript(RunSaga.defaults());
        script.on(new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC,
                new RunOptions(false, false, true, false, Set.of()), RunScript.plan(Set.of(), "mig-20261101000000-001"), "ops",
                AT));
        script.preflightPassed().extractedAndAnonymized().leakCheckPassed();
        ValidateRequest validate = (ValidateRequest) ((Effect.Send) script.last.effects().stream()
                .filter(Effect.Send.class::isInstance).findFirst().orElseThrow()).command().message();
        assertThat(validate.replacesRunId()).isEqualTo("mig-20261101000000-001");
        assertThat(((ValidateRequest) RunScript.requested().preflightPassed().extractedAndAnonymized().leakCheckPassed()
                .last.effects().stream().filter(Effect.Send.class::isInstance).map(e -> ((Effect.Send) e).command()
                        .message()).findFirst().orElseThrow()).replacesRunId()).isNull();
    }

    @Test
    void rollbackForceAsksTheLoaderToGoPastChangedRows() {
        RunScript script = RunScript.requested().succeeded().on(rollback(false))
                .answer(RunScript.compensate(1, CompensationStatus.BLOCKED, null));
        assertThat(script.state.waitingFor()).contains("1 row(s) changed or referenced");
        assertThat(script.state.continueWith()).isEqualTo("ferry rollback " + RUN + " --force");
        script.on(rollback(true));
        CompensateRequest request = (CompensateRequest) ((Effect.Send) script.last.effects().stream()
                .filter(Effect.Send.class::isInstance).findFirst().orElseThrow()).command().message();
        assertThat(request.force()).isTrue();
        assertThat(request.attempt()).isEqualTo(2);
    }

    @Test
    void operatorActionsTheStateDoesNotAllowAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RunScript.requested().preflightPassed().on(approve()))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("not awaiting approval");
        assertThatThrownBy(() -> RunScript.requested().succeeded().on(cancel()))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("SUCCEEDED already; roll it back instead");
        assertThatThrownBy(() -> RunScript.requested().succeeded().on(rollback(false)).on(cancel()))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("cannot be cancelled");
        assertThatThrownBy(() -> RunScript.requested().preflightPassed().on(rollback(false)))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("cancel it instead");
        assertThatThrownBy(() -> RunScript.requested(new RunOptions(true, false, false, false, Set.of()), Set.of()).validated()
                .on(rollback(false))).isInstanceOf(RunActionRefused.class).hasMessageContaining("nothing in CERT");
        assertThatThrownBy(() -> RunScript.requested().succeeded().on(resume()))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("nothing to resume");
        assertThatThrownBy(() -> RunScript.requested(RunOptions.defaults(), Set.of(Gate.BEFORE_LOAD)).validated()
                .on(resume())).isInstanceOf(RunActionRefused.class).hasMessageContaining("approve it");
        assertThatThrownBy(() -> RunScript.requested().on(requested(Set.of())))
                .isInstanceOf(RunActionRefused.class).hasMessageContaining("exists already");
    }

    @Test
    void theAnnouncementSaysWhatChangedAndWhen() {
        RunScript script = RunScript.requested().preflightPassed();
        RunStatusChanged change = script.last.effects().stream().filter(Effect.Announce.class::isInstance)
                .map(e -> ((Effect.Announce) e).change()).findFirst().orElseThrow();
        assertThat(change).isEqualTo(new RunStatusChanged(RUN, RunScript.DISTRICT, RunStatus.RUNNING,
                RunStatus.REQUESTED, "extracting", AT));
    }

    @Test
    void onlyTheLatestVerifyCountsAndOnlyRunsStillInCertAreVerified() {
        RunScript script = RunScript.requested().succeeded().on(verify()).on(verify());
        assertThat(script.state.verification()).isEqualTo(new Verification(2, null, 0, 0, null));

        script.answer(RunScript.verify(1, VerifyStatus.VALID, null));
        assertThat(script.last.effects()).isEmpty();
        assertThat(script.state.verification().status()).isNull();

        script.answer(RunScript.verify(2, VerifyStatus.INVALID, null));
        assertThat(script.state.verification()).isEqualTo(new Verification(2, VerifyStatus.INVALID, 1, 0, null));
        assertThat(script.state.pending()).isEmpty();

        script.answer(RunScript.verify(2, VerifyStatus.INVALID, null));
        assertThat(script.last.effects()).as("a redelivered answer").isEmpty();

        RunScript failed = RunScript.requested().succeeded().on(verify())
                .answer(RunScript.verify(1, VerifyStatus.INVALID, RunScript.failure(Kind.TRANSIENT)));
        assertThat(failed.state.verification()).isEqualTo(new Verification(1, null, 0, 0,
                "CERT_UNREACHABLE: store a (cert) did not answer"));

        RunScript dryRun = RunScript.requested(new RunOptions(true, false, false, false, Set.of()), Set.of())
                .extractedAndAnonymized().leakCheckPassed().validatePassed();
        assertThatThrownBy(() -> dryRun.on(verify())).isInstanceOf(RunActionRefused.class)
                .hasMessageContaining("as a dry run");
        RunScript rolledBack = RunScript.requested().succeeded().on(rollback(false))
                .answer(RunScript.compensate(1, CompensationStatus.COMPENSATED, null));
        assertThatThrownBy(() -> rolledBack.on(verify())).isInstanceOf(RunActionRefused.class)
                .hasMessageContaining("is COMPENSATED");
        assertThatThrownBy(() -> RunScript.requested().loading().on(verify())).isInstanceOf(RunActionRefused.class)
                .hasMessageContaining("is RUNNING");
    }

    @Test
    void aRunReusingAnExtractionSkipsPreflightExtractionAndTheGateBeforeItAndGoesOnFromItsLeakCheck() {
        RunScript script = RunScript.reusing();
        assertThat(script.state.extracted()).containsExactlyInAnyOrder("a", "b");
        assertThat(script.state.anonymizedBatches()).isEqualTo(3);
        assertThat(script.state.keyVersion()).isEqualTo(1);
        assertThat(script.last.effects()).filteredOn(Effect.Send.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((LeakCheckRequest) ((Effect.Send) e).command().message()).anonymizedBatches())
                        .isEqualTo(3));
        assertThat(script.last.what()).contains("reusing the extraction of run mig-20261122150000-001");

        script.leakCheckPassed();
        assertThat(script.state.step()).isEqualTo(Step.VALIDATE);
        script.validatePassed().slot().loaded("a").loaded("b");
        assertThat(script.state.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void resumeReconcilesTheRunWithTheBatchesStagingHolds() {
        Map<String, Set<Integer>> all = Map.of("a/public.t_a", Set.of(0, 1), "b/public.t_b", Set.of(0, 1));
        // Every store extracted, but the message of b's batch 0 was lost: staging has it.
        RunScript waiting = RunScript.requested().preflightPassed().extracted("a").anonymized("a", 0).anonymized("a", 1)
                .extracted("b").anonymized("b", 1);
        waiting.on(resumed(all));
        assertThat(waiting.state.step()).isEqualTo(Step.LEAK_CHECK);
        assertThat(effects(waiting.last)).containsExactly("leakcheck/" + RUN + "#1");
        assertThat(waiting.last.what()).contains("1 anonymized batch(es) no message had reported", "b/public.t_b#0");

        // Staging as the run counted it: resume only sends the outstanding command again.
        RunScript validating = RunScript.requested().extractedAndAnonymized().leakCheckPassed();
        validating.on(resumed(all));
        assertThat(effects(validating.last)).containsExactly("validate/" + RUN + "#1");
        assertThat(validating.state.status()).isEqualTo(RunStatus.RUNNING);

        // A batch the run counted is gone: validation cannot be trusted, the run fails before CERT.
        RunScript lost = RunScript.requested().extractedAndAnonymized().leakCheckPassed();
        lost.on(resumed(Map.of("a/public.t_a", Set.of(0, 1), "b/public.t_b", Set.of(1))));
        assertThat(lost.state.status()).isEqualTo(RunStatus.FAILED);
        assertThat(lost.state.reason()).contains("1 anonymized batch(es) the run counted are gone from staging",
                "b/public.t_b#0");

        // The same while loading: what was loaded is taken back out.
        RunScript loading = RunScript.requested().loading();
        loading.on(resumed(Map.of()));
        assertThat(loading.state.status()).isEqualTo(RunStatus.COMPENSATING);
        assertThat(effects(loading.last)).isEmpty();
        loading.loaded("a");
        assertThat(effects(loading.last)).containsExactly("compensate/" + RUN + "#1");
    }

    private static RunEvent resumed(Map<String, Set<Integer>> staged) {
        return new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, staged);
    }

    private static RunEvent verify() {
        return new RunEvent.VerifyRequested(UUID.randomUUID(), "ops", AT);
    }

    private static RunEvent requested(Set<Gate> gates) {
        return new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC, RunOptions.defaults(),
                RunScript.plan(gates, null), "ops", AT);
    }

    private static RunEvent approve() {
        return new RunEvent.Approved(UUID.randomUUID(), "approver", AT);
    }

    private static RunEvent cancel() {
        return new RunEvent.Cancelled(UUID.randomUUID(), "ops", "not needed", AT);
    }

    private static RunEvent rollback(boolean force) {
        return new RunEvent.RollbackRequested(UUID.randomUUID(), "approver", force, AT);
    }

    private static RunEvent resume() {
        return new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, null);
    }

    private static RunEvent stalled() {
        return new RunEvent.Stalled(UUID.randomUUID(), AT);
    }

    private static RunEvent deadLetter(String topic) {
        return new RunEvent.DeadLettered(UUID.randomUUID(), topic, "IllegalArgumentException: unreadable", AT);
    }
}
