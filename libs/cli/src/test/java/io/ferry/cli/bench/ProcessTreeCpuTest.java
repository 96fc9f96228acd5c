package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTreeCpuTest {

    @Test
    void readsTheParentAndTheTicksWithThoseOfWaitedForChildren() {
        String stat = "4242 (postgres: x (y)) S 4200 4200 4200 0 -1 1077936192 5 0 0 0 1234 56 700 8 20 0 30 0 100 0 0";
        assertThat(ProcessTreeCpu.parent(stat)).isEqualTo("4200");
        assertThat(ProcessTreeCpu.ticksWithChildren(stat)).isEqualTo(1234 + 56 + 700 + 8);
    }

    @Test
    void sumsEachRootsTreeOnceAndNothingOutsideIt() {
        List<ProcessTreeCpu.Proc> all = List.of(
                new ProcessTreeCpu.Proc("1", "0", 1_000_000), // init: not a root
                new ProcessTreeCpu.Proc("10", "1", 100), // the estate's JVM
                new ProcessTreeCpu.Proc("11", "10", 20), // a child of it
                new ProcessTreeCpu.Proc("12", "11", 3), // and a grandchild
                new ProcessTreeCpu.Proc("20", "1", 50), // a postmaster
                new ProcessTreeCpu.Proc("21", "20", 7), // its backend
                new ProcessTreeCpu.Proc("30", "1", 9)); // someone else's
        assertThat(ProcessTreeCpu.ticks(all, List.of("10", "20"))).isEqualTo(100 + 20 + 3 + 50 + 7);
        assertThat(ProcessTreeCpu.ticks(all, List.of("10", "11"))).as("a root inside another's tree").isEqualTo(123);
        assertThat(ProcessTreeCpu.ticks(all, List.of("10", "999"))).isEqualTo(123);
        assertThat(ProcessTreeCpu.ticks(all, List.of("999"))).isEqualTo(-1);
    }

    @Test
    void aChildThatEndedIsCountedInItsParent() throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        double before = ProcessTreeCpu.seconds(List.of(self)).orElseThrow();
        double ownBefore = ServiceCpu.of(self).orElseThrow().seconds();
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor()).isZero();
        double after = ProcessTreeCpu.seconds(List.of(self)).orElseThrow();
        double ownAfter = ServiceCpu.of(self).orElseThrow().seconds();
        // the shell's loop took CPU of its own, which is now in this JVM's cutime and cstime
        assertThat((after - before) - (ownAfter - ownBefore)).isGreaterThan(0.3);
        assertThat(ProcessTreeCpu.seconds(List.of("999999999"))).isEmpty();
    }
}
