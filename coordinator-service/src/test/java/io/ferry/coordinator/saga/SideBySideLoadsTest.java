package io.ferry.coordinator.saga;

import static io.ferry.coordinator.saga.RunScript.AT;
import static io.ferry.coordinator.saga.RunScript.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensationStatus;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Failure.Kind;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.ValidateResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Stores whose waits are over load at the same time, and compensation never runs beside a load. The plan: {@code a}
 * first; {@code b} and {@code c} each wait for {@code a}; {@code d} waits for {@code c}. A plan made since ADR 4
 * ({@code whenDecided}) sends every load at once: the loader waits for the key maps.
 */
class SideBySideLoadsTest {

    private static final List<String> STORES = List.of("a", "b", "c", "d");

    @Test
    void storesLoadAsSoonAsTheStoresTheyWaitForAreLoaded() {
        RunScript run = loading();
        assertThat(sent(run)).containsExactly("load/" + RUN + "/a#1");

        run.loaded("a");
        assertThat(sent(run)).containsExactly("load/" + RUN + "/b#1", "load/" + RUN + "/c#1");
        assertThat(run.last.what()).contains("load of stores [b, c] sent");

        run.loaded("c");
        assertThat(sent(run)).containsExactly("load/" + RUN + "/d#1");
        assertThat(run.state.pending()).containsOnlyKeys("load/" + RUN + "/b", "load/" + RUN + "/d");

        run.loaded("b");
        assertThat(sent(run)).isEmpty();
        assertThat(run.state.status()).isEqualTo(RunStatus.RUNNING);

        run.loaded("d");
        assertThat(run.state.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.state.loaded()).containsExactly("a", "c", "b", "d");
    }

    @Test
    void aFailedLoadCompensatesOnlyOnceEveryLoadInFlightAnswered() {
        RunScript run = loading().loaded("a");
        run.answer(RunScript.load("b", 1, RunScript.failure(Kind.FATAL)));
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPENSATING);
        assertThat(run.state.step()).isEqualTo(Step.COMPENSATE);
        assertThat(sent(run)).isEmpty();
        assertThat(run.state.pending()).containsOnlyKeys("load/" + RUN + "/c");
        assertThat(run.state.waitingFor()).isEqualTo("the loads in flight to answer: [c]");

        // A sweep asks the load in flight again (same attempt): only its answer lets compensation go.
        run.on(new RunEvent.Stalled(UUID.randomUUID(), AT));
        assertThat(sent(run)).containsExactly("load/" + RUN + "/c#1");
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPENSATING);

        run.loaded("c");
        assertThat(sent(run)).containsExactly("compensate/" + RUN + "#1");
        CompensateRequest request = (CompensateRequest) run.state.pending().get("compensate/" + RUN).message();
        assertThat(request.reason()).contains("load/" + RUN + "/b attempt 1 failed", "CERT_UNREACHABLE");
        assertThat(request.force()).isFalse();
        assertThat(run.state.waitingFor()).isNull();
        // d waited for c, and is not loaded: the run is coming out.
        assertThat(run.state.loaded()).containsExactly("a", "c");

        run.answer(RunScript.compensate(1, CompensationStatus.COMPENSATED, null));
        assertThat(run.state.status()).isEqualTo(RunStatus.COMPENSATED);
    }

    @Test
    void aBlockedLoadLetsTheOthersFinishAndResumeSendsItWithTheLoadsThatBecameReady() {
        RunScript run = loading().loaded("a");
        run.answer(RunScript.load("b", 1, RunScript.failure(Kind.BLOCKING)));
        assertThat(run.state.status()).isEqualTo(RunStatus.BLOCKED);

        run.loaded("c");
        assertThat(sent(run)).as("nothing new while blocked").isEmpty();
        assertThat(run.state.loaded()).containsExactly("a", "c");

        run.on(new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, null));
        assertThat(sent(run)).containsExactly("load/" + RUN + "/b#2", "load/" + RUN + "/d#1");
        assertThat(run.state.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void cancelWaitsForTheLoadsInFlightButNotForABlockedOne() {
        RunScript run = loading().loaded("a");
        run.answer(RunScript.load("b", 1, RunScript.failure(Kind.BLOCKING)));
        run.on(new RunEvent.Cancelled(UUID.randomUUID(), "ops", null, AT));
        assertThat(run.state.pending()).containsOnlyKeys("load/" + RUN + "/c");
        assertThat(sent(run)).isEmpty();

        // The blocked store's old attempt answering changes nothing; c's answer, failed, lets compensation go.
        run.answer(RunScript.load("b", 1, null));
        assertThat(run.last.what()).contains("not awaited");
        run.answer(RunScript.load("c", 1, RunScript.failure(Kind.FATAL)));
        assertThat(sent(run)).containsExactly("compensate/" + RUN + "#1");
        assertThat(run.state.loaded()).containsExactly("a");
    }

    @Test
    void aPlanWithoutWaitsLoadsOneStoreAfterAnotherAndRefusesAWaitForALaterStore() {
        RunPlan old = new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of())), STORES, Set.of(), null);
        assertThat(old.loadsBefore("a")).isEmpty();
        assertThat(old.loadsBefore("b")).containsExactly("a");
        assertThat(old.loadsBefore("d")).containsExactly("c");

        assertThatThrownBy(() -> new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of())), STORES, Set.of(),
                null, null, Map.of("b", List.of("c")))).hasMessage("store b cannot wait for c, which does not load before it");
    }

    @Test
    void whenDecidedEveryLoadGoesAtOnceInLoadOrderAndStoresFinishInAnyOrder() {
        RunScript run = loading(true);
        assertThat(sent(run)).containsExactly("load/" + RUN + "/a#1", "load/" + RUN + "/b#1", "load/" + RUN + "/c#1",
                "load/" + RUN + "/d#1");

        run.loaded("d").loaded("b");
        assertThat(sent(run)).isEmpty();
        assertThat(run.state.status()).isEqualTo(RunStatus.RUNNING);
        run.loaded("c").loaded("a");
        assertThat(run.state.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.state.loaded()).containsExactly("d", "b", "c", "a");
    }

    @Test
    void aLoadThatDidNotBeginGoesAgainAsANewAttemptWithoutCountingAsARetry() {
        RunScript run = loading(true);
        run.answer(RunScript.load("d", 1, notBegun()));
        assertThat(sent(run)).as("c, which d waits for, is still loading").containsExactly("load/" + RUN + "/d#2");
        assertThat(run.last.what()).contains("store d did not begin loading");
        assertThat(run.state.status()).isEqualTo(RunStatus.RUNNING);

        // Again and again: never a failure of the run, and each time a new attempt.
        for (int attempt = 2; attempt <= 6; attempt++) {
            run.answer(RunScript.load("d", attempt, notBegun()));
            assertThat(sent(run)).containsExactly("load/" + RUN + "/d#" + (attempt + 1));
        }
        run.loaded("a").loaded("b").loaded("c").answer(RunScript.load("d", 7, null));
        assertThat(run.state.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aLoadThatDidNotBeginWhileTheStoreItWaitsForIsBlockedGoesOnResume() {
        RunScript run = loading(true).loaded("a");
        run.answer(RunScript.load("c", 1, RunScript.failure(Kind.BLOCKING)));
        assertThat(run.state.status()).isEqualTo(RunStatus.BLOCKED);
        run.answer(RunScript.load("d", 1, notBegun()));
        assertThat(sent(run)).isEmpty();
        assertThat(run.state.pending()).containsOnlyKeys("load/" + RUN + "/b", "load/" + RUN + "/c");

        run.on(new RunEvent.Resumed(UUID.randomUUID(), "ops", AT, null));
        assertThat(sent(run)).containsExactly("load/" + RUN + "/c#2", "load/" + RUN + "/d#2");
    }

    @Test
    void aLoadThatDidNotBeginWhileCompensationWaitsLetsItGo() {
        RunScript run = loading(true).loaded("a");
        run.answer(RunScript.load("c", 1, RunScript.failure(Kind.FATAL)));
        assertThat(run.state.waitingFor()).isEqualTo("the loads in flight to answer: [b, d]");
        run.loaded("b").answer(RunScript.load("d", 1, notBegun()));
        assertThat(sent(run)).containsExactly("compensate/" + RUN + "#1");
        assertThat(run.state.loaded()).containsExactly("a", "b");
    }

    private static Failure notBegun() {
        return new Failure(Kind.FATAL, LoadResult.NOT_BEGUN, "the key map of public.t_c for run " + RUN
                + " is not there: its load there failed");
    }

    private static RunScript loading() {
        return loading(false);
    }

    private static RunScript loading(boolean whenDecided) {
        RunPlan plan = new RunPlan(List.of(new RunPlan.ExtractStep("a", 0, List.of()),
                new RunPlan.ExtractStep("b", 1, List.of("a")), new RunPlan.ExtractStep("c", 1, List.of("a")),
                new RunPlan.ExtractStep("d", 2, List.of("c"))), STORES, Set.of(), null, null,
                Map.of("b", List.of("a"), "c", List.of("a"), "d", List.of("c")), whenDecided);
        RunScript run = new RunScript(RunSaga.defaults());
        run.on(new RunEvent.Requested(UUID.randomUUID(), RUN, RunScript.DISTRICT, RunScript.SPEC, RunOptions.defaults(),
                plan, "ops", AT)).preflightPassed();
        run.extracted("a").anonymized("a", 0).anonymized("a", 1);
        run.extracted("b").extracted("c").anonymized("b", 0).anonymized("b", 1).anonymized("c", 0).anonymized("c", 1);
        run.extracted("d").anonymized("d", 0).anonymized("d", 1).leakCheckPassed();
        run.answer(new ValidateResult(RUN, RunScript.SPEC, 1, io.ferry.contracts.messages.ValidationStatus.PASSED,
                List.of(), Map.of("a", "fp-a", "b", "fp-b", "c", "fp-c", "d", "fp-d"), null));
        return run.slot();
    }

    /** The commands the last event sent, as {@code id#attempt}. */
    private static List<String> sent(RunScript run) {
        return run.last.effects().stream().filter(Effect.Send.class::isInstance).map(e -> (Effect.Send) e)
                .map(e -> e.command().commandId() + "#" + e.command().attempt()).toList();
    }
}
