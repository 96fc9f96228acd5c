package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCpuTest {

    /** A thread's stat line as Linux writes it; the name may hold spaces and parentheses. */
    private static final String STAT = "4242 (C2 CompilerThre) S 4200 4200 4200 0 -1 1077936192 5 0 0 0 1234 56 0 0"
            + " 20 0 30 0 100 0 0";

    @Test
    void readsTheNameAndTheUserAndSystemTicksOfAStatLine() {
        assertThat(ServiceCpu.name(STAT)).isEqualTo("C2 CompilerThre");
        assertThat(ServiceCpu.ticks(STAT)).isEqualTo(1234 + 56);
        String odd = "7 (a (b) c) R 1 1 1 0 -1 0 0 0 0 0 10 20 0 0 20 0 1 0 0 0 0";
        assertThat(ServiceCpu.name(odd)).isEqualTo("a (b) c");
        assertThat(ServiceCpu.ticks(odd)).isEqualTo(30);
    }

    @Test
    void sortsJvmThreadsIntoJitGcAndTheRest() {
        assertThat(ServiceCpu.kind("C1 CompilerThre")).isEqualTo(ServiceCpu.Kind.JIT);
        assertThat(ServiceCpu.kind("C2 CompilerThre")).isEqualTo(ServiceCpu.Kind.JIT);
        assertThat(ServiceCpu.kind("GC Thread#1")).isEqualTo(ServiceCpu.Kind.GC);
        assertThat(ServiceCpu.kind("G1 Conc#0")).isEqualTo(ServiceCpu.Kind.GC);
        assertThat(ServiceCpu.kind("ferry-extractor")).isEqualTo(ServiceCpu.Kind.OTHER);
    }

    @Test
    void thisProcessHasSpentCpuAndItsCompilersAPartOfIt() {
        long sink = 0;
        for (int i = 0; i < 20_000_000; i++) {
            sink += Long.toString(i).hashCode();
        }
        ServiceCpu now = ServiceCpu.of(Long.toString(ProcessHandle.current().pid())).orElseThrow();
        assertThat(now.seconds()).as("sink %d", sink).isGreaterThan(0.1);
        assertThat(now.jit()).isGreaterThan(0).isLessThan(now.seconds());
        assertThat(now.jit() + now.gc()).isLessThanOrEqualTo(now.seconds());
        assertThat(ServiceCpu.of("999999999")).isEmpty();
    }

    @Test
    void theRunsShareIsTheDifferenceOfTwoReadings() {
        Map<String, ServiceCpu> since = ServiceCpu.since(
                Map.of("extractor", new ServiceCpu(50, 20, 5), "loader", new ServiceCpu(9, 1, 1)),
                Map.of("extractor", new ServiceCpu(20, 15, 1)));
        assertThat(since).containsOnlyKeys("extractor");
        assertThat(since.get("extractor")).isEqualTo(new ServiceCpu(30, 5, 4));
        assertThat(new ServiceCpu(36.19, 15.87, 3.32).since(new ServiceCpu(0.01, 0.02, 0)).jit()).isEqualTo(15.85);
    }
}
