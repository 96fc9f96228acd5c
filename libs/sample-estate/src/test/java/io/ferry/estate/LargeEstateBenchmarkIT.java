package io.ferry.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The large preset on real servers (only under -Psoak): prints the time; target under 3 minutes. */
@EnabledIfSystemProperty(named = "ferry.soak", matches = "true")
class LargeEstateBenchmarkIT {

    @Test
    void largePresetGeneratesWithinTheTarget() {
        double seconds = EstateBenchmark.run(new EstateOptions(Preset.LARGE, 1L, Instant.parse("2025-03-14T12:00:00Z"),
                new Credentials("ferry_reader", "reader", "ferry_writer", "writer")));
        assertThat(seconds).isLessThan(180);
    }
}
