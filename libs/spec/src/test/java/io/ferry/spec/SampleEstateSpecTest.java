package io.ferry.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.mapping.DriftAction;
import io.ferry.schema.mapping.DriftRule;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.DanglingPolicy;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.RefSyntax;
import io.ferry.spec.model.Spec;

import org.junit.jupiter.api.Test;

class SampleEstateSpecTest {

    @Test
    void theSampleEstateSpecParsesWithoutErrors() {
        String text = Specs.resource("io/ferry/estate/ferry.yaml");

        Spec spec = Specs.parseResolvable(text);

        assertThat(spec.stores()).containsOnlyKeys("ids", "hcp1", "hcp2", "adb", "sp");
        assertThat(spec.tenant().table()).isEqualTo(new TableId("ids", "public", "district"));
        assertThat(spec.links()).hasSize(29);
        assertThat(spec.links().get(17).from().jsonPath()).isEqualTo("$.personId");
        assertThat(spec.links().get(17).dangling()).isEqualTo(DanglingPolicy.DROP);
        assertThat(spec.closure().edges())
                .containsEntry(RefSyntax.parse("hcp2.public.submission(grader_id)"), EdgePolicy.NULLIFY);
        assertThat(spec.closure().graph().follow()).contains("PART_OF", "CONNECTED_TO");
        assertThat(spec.anonymize().rules()).hasSize(25);
        assertThat(spec.validate()).hasSize(4);
        assertThat(spec.drift()).containsExactly(new DriftRule(new TableId("hcp1", "public", "course"), "legacy_code",
                DriftAction.DROP, null));
        assertThat(spec.load().keys()).containsKey(new TableId("hcp2", "public", "AssessmentResult"));
        assertThat(spec.districts().counts()).containsOnlyKeys("students", "staff", "schools");
        assertThat(spec.districts().priority()).isEmpty();
    }
}
