package io.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void wireNamesAreLowerCaseInPipelineOrder() {
        assertThat(Arrays.stream(Phase.values()).map(Phase::wireName)).containsExactly(
                "preflight", "extract", "anonymize", "leakcheck", "validate", "load", "compensate", "verify", "report");
    }

    @Test
    void readsItsWireName() {
        assertThat(Phase.fromWireName("leakcheck")).isEqualTo(Phase.LEAKCHECK);
        assertThatThrownBy(() -> Phase.fromWireName("EXTRACT")).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("unknown phase");
    }
}
