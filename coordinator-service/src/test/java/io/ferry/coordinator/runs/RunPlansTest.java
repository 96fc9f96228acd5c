package io.ferry.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.coordinator.saga.Gate;
import io.ferry.coordinator.saga.RunPlan;
import io.ferry.coordinator.saga.RunPlan.ExtractStep;
import io.ferry.estate.SampleEstate;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlansTest {

    @Test
    void theSampleEstatesLinksGiveItsWavesItsLoadOrderAndItsGate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ferry.yaml"), SampleEstate.ferryYaml());
        Spec spec = new SpecParser(Resolver.forFolder(dir, Map.of()), Set.of()).read(dir.resolve("ferry.yaml"));

        RunPlan plan = RunPlans.of(spec, "mig-20261101000000-001");

        assertThat(plan.extract()).contains(new ExtractStep("ids", 0, List.of()),
                new ExtractStep("hcp1", 1, List.of("ids")),
                new ExtractStep("hcp2", 2, List.of("hcp1", "ids")));
        assertThat(plan.extract()).extracting(ExtractStep::store).containsExactlyInAnyOrderElementsOf(spec.stores().keySet());
        // Every store waits only for stores of earlier waves, and loads after every store it references.
        for (ExtractStep step : plan.extract()) {
            for (String referenced : step.dependsOn()) {
                ExtractStep before = plan.extract().stream().filter(s -> s.store().equals(referenced)).findFirst()
                        .orElseThrow();
                assertThat(before.wave()).as(step.store() + " after " + referenced).isLessThan(step.wave());
                assertThat(plan.loadOrder().indexOf(referenced)).isLessThan(plan.loadOrder().indexOf(step.store()));
            }
            assertThat(step.dependsOn().isEmpty()).as(step.store()).isEqualTo(step.wave() == 0);
        }
        assertThat(plan.loadOrder()).startsWith("ids", "hcp1");
        // Loads wait only for the stores they reference: after hcp1, the other three load side by side.
        assertThat(plan.loadAfter()).containsExactlyInAnyOrderEntriesOf(Map.of("ids", List.of(), "hcp1", List.of("ids"),
                "hcp2", List.of("hcp1", "ids"), "adb", List.of("hcp1", "ids"), "sp", List.of("hcp1", "ids")));
        // ... and are sent once those are sent: the loader waits for their key maps to be decided (ADR 4).
        assertThat(plan.whenDecided()).isTrue();
        assertThat(plan.gates()).containsExactly(Gate.BEFORE_LOAD);
        assertThat(plan.replacesRunId()).isEqualTo("mig-20261101000000-001");
    }
}
