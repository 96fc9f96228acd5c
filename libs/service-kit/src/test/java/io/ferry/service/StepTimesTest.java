package io.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepTimesTest {

    @Test
    void keepsStepsInTheOrderTheyEndedAndAddsUpARepeatedOne() throws InterruptedException {
        StepTimes times = new StepTimes();
        Thread.sleep(20);
        times.mark("fetch");
        times.mark("check");
        Thread.sleep(20);
        times.mark("fetch");

        assertThat(times.seconds()).containsOnlyKeys("fetch", "check");
        assertThat(times.seconds().keySet()).containsExactly("fetch", "check");
        assertThat(times.seconds().get("fetch")).isGreaterThanOrEqualTo(0.04);
        assertThat(times.seconds().get("check")).isLessThan(0.02);
        assertThat(times.toString()).matches("fetch \\d+\\.\\d s, check \\d+\\.\\d s");
    }

    @Test
    void saysNothingBeforeTheFirstMark() {
        assertThat(new StepTimes().seconds()).isEmpty();
        assertThat(new StepTimes().toString()).isEmpty();
    }
}
