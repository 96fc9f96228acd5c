package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessTreeCpuTest {

    @Test
    void readsTheParentAndTheTicksWithThoseOfWaitedForChildren() {
        String stat = "4242 (postgres: x (y)) S 4200 4200 4200 0 -1 1077936192 5 0 0 0 1234 56 700 8 20 0 30 0 100 0 0";
        assertThat(ProcessTreeCpu.parent(stat)).isEqualTo("4200");
        assertThat(ProcessTreeCpu.ticksWithChildren(stat)).isEqualTo(1234 + 56 + 700 + 8);
    }

    @Test
    void sumsEachRootsTreeApartAndNothingOutsideIt() {
        List<ProcessTreeCpu.Proc> all = List.of(
                new ProcessTreeCpu.Proc("1", "0", 1_000_000), // init: not a root
                new ProcessTreeCpu.Proc("10", "1", 100), // the estate's JVM
                new ProcessTreeCpu.Proc("11", "10", 20), // a child of it
                new ProcessTreeCpu.Proc("12", "11", 3), // and a grandchild
                new ProcessTreeCpu.Proc("20", "1", 50), // a postmaster
                new ProcessTreeCpu.Proc("21", "20", 7), // its backend
                new ProcessTreeCpu.Proc("40", "10", 60), // a postmaster the JVM started
                new ProcessTreeCpu.Proc("41", "40", 4), // its backend
                new ProcessTreeCpu.Proc("30", "1", 9)); // someone else's
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("jvm", "10");
        roots.put("prod", "20");
        roots.put("cert", "40");
        roots.put("gone", "999");
        roots.put("jvm again", "10");
        assertThat(ProcessTreeCpu.ticks(all, roots)).as("a root inside another's tree counts as itself; gone and"
                + " twice-named roots are left out").containsExactly(entry("jvm", 123L), entry("prod", 57L),
                        entry("cert", 64L));
        assertThat(ProcessTreeCpu.ticks(all, Map.of("gone", "999"))).isEmpty();
    }

    @Test
    void aChildThatEndedIsCountedInItsParent() throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        double before = ProcessTreeCpu.seconds(Map.of("self", self)).orElseThrow().get("self");
        double ownBefore = ServiceCpu.of(self).orElseThrow().seconds();
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor()).isZero();
        double after = ProcessTreeCpu.seconds(Map.of("self", self)).orElseThrow().get("self");
        double ownAfter = ServiceCpu.of(self).orElseThrow().seconds();
        // the shell's loop took CPU of its own, which is now in this JVM's cutime and cstime
        assertThat((after - before) - (ownAfter - ownBefore)).isGreaterThan(0.3);
        assertThat(ProcessTreeCpu.seconds(Map.of("gone", "999999999"))).isEmpty();
    }
}
