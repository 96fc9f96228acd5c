package io.ferry.coordinator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.RunStatus;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunState;
import io.ferry.coordinator.saga.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateJsonTest {

    private static final List<RunPlan.ExtractStep> EXTRACT = List.of(new RunPlan.ExtractStep("ids", 0, List.of()),
            new RunPlan.ExtractStep("hcp1", 1, List.of("ids")), new RunPlan.ExtractStep("adb", 1, List.of("ids")));

    @Test
    void aStateReadsBackAsItWasWrittenWaitsOfItsLoadsIncluded() {
        RunState state = state(new RunPlan(EXTRACT, List.of("ids", "adb", "hcp1"), Set.of(), null, null,
                Map.of("adb", List.of("ids"), "hcp1", List.of("ids"))));
        assertThat(StateJson.read(state.runId(), StateJson.write(state))).isEqualTo(state);
    }

    @Test
    void aStateWrittenBeforeStoresLoadedSideBySideLoadsThemOneAfterAnother() {
        RunState state = state(new RunPlan(EXTRACT, List.of("ids", "adb", "hcp1"), Set.of(), null, null,
                Map.of("adb", List.of("ids"), "hcp1", List.of("ids"))));
        String json = StateJson.write(state);
        String older = json.replaceFirst(",?\"loadAfter\":\\{[^}]*}", "");
        assertThat(older).doesNotContain("loadAfter").isNotEqualTo(json);

        RunPlan plan = StateJson.read(state.runId(), older).plan();
        assertThat(plan.loadAfter()).containsExactlyInAnyOrderEntriesOf(Map.of("adb", List.of("ids"),
                "hcp1", List.of("adb")));
    }

    private static RunState state(RunPlan plan) {
        return new RunState("mig-20261125120000-001", "district-001", "a".repeat(64), "ops", RunOptions.defaults(), plan,
                RunStatus.RUNNING, Step.LOAD, null, null, null, "loading", Map.of(), Map.of(), 1, Set.of("ids"), Map.of(),
                Map.of(), Map.of("ids", "fp"), List.of("ids"), 0, 1, Set.of(), null);
    }
}
