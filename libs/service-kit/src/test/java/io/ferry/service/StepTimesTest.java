package io.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.data.Offset.offset;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepTimesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void keepsStepsInTheOrderTheyEndedAndAddsUpARepeatedOne() {
        StepTimes times = new StepTimes(now::get);
        advanceMillis(1_200);
        times.mark("fetch");
        advanceMillis(300);
        times.mark("check");
        advanceMillis(500);
        times.mark("fetch");

        assertThat(times.seconds().keySet()).containsExactly("fetch", "check");
        assertThat(times.seconds().get("fetch")).isEqualTo(1.7, offset(1e-9));
        assertThat(times.seconds().get("check")).isEqualTo(0.3, offset(1e-9));
        assertThat(times.toString()).isEqualTo("fetch 1.7 s, check 0.3 s");
    }

    @Test
    void measuresFromWhenItWasMade() {
        advanceMillis(5_000);
        StepTimes times = new StepTimes(now::get);
        advanceMillis(250);
        times.mark("only");

        assertThat(times.seconds()).containsExactly(entry("only", 0.25));
    }

    @Test
    void saysNothingBeforeTheFirstMark() {
        assertThat(new StepTimes().seconds()).isEmpty();
        assertThat(new StepTimes().toString()).isEmpty();
    }

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }
}
