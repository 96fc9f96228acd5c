package io.ferry.contracts.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunStatusTest {

    @Test
    void activeStatusesBlockANewRunForTheDistrict() {
        assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::isActive)).containsExactly(
                RunStatus.REQUESTED, RunStatus.RUNNING, RunStatus.AWAITING_APPROVAL, RunStatus.BLOCKED,
                RunStatus.COMPENSATING);
    }

    @Test
    void everyOtherStatusIsTerminal() {
        assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal)).containsExactly(
                RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.COMPENSATED,
                RunStatus.COMPENSATION_FAILED);
    }
}
