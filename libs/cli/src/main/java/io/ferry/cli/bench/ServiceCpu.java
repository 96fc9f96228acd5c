package io.ferry.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU seconds of one service process, and those of its JIT compiler and garbage collector threads: on two cores
 * the JIT's compilations take CPU from the phases that run meanwhile, and the bench shows how much. From Linux's
 * {@code /proc/PID/stat} (the process, exited threads included) and {@code /proc/PID/task/TID/stat} (each live
 * thread, named by the JVM: {@code C2 CompilerThre}, {@code GC Thread#0}, {@code G1 Conc#0}), in clock ticks of
 * {@value #TICKS_PER_SECOND} a second.
 *
 * @param seconds user and system time of the whole process
 * @param jit     of which the C1 and C2 compiler threads
 * @param gc      of which the garbage collector's threads
 */
record ServiceCpu(double seconds, double jit, double gc) {

    /** In hundredths, as the ticks are: differences of doubles would print as 15.850000000000001. */
    ServiceCpu {
        seconds = Math.round(seconds * TICKS_PER_SECOND) / (double) TICKS_PER_SECOND;
        jit = Math.round(jit * TICKS_PER_SECOND) / (double) TICKS_PER_SECOND;
        gc = Math.round(gc * TICKS_PER_SECOND) / (double) TICKS_PER_SECOND;
    }

    /** USER_HZ: 100 on every Linux the JVM runs on. */
    static final int TICKS_PER_SECOND = 100;

    /** What the process spent between {@code before} and this reading. */
    ServiceCpu since(ServiceCpu before) {
        return new ServiceCpu(seconds - before.seconds, jit - before.jit, gc - before.gc);
    }

    /** Per service, its CPU so far; a service whose process cannot be read is left out. */
    static Map<String, ServiceCpu> ofServices(Path demoDir, List<String> services) throws IOException {
        Map<String, String> pids = PeakMemory.pids(demoDir);
        Map<String, ServiceCpu> out = new LinkedHashMap<>();
        for (String service : services) {
            Optional.ofNullable(pids.get(service)).flatMap(ServiceCpu::of).ifPresent(cpu -> out.put(service, cpu));
        }
        return out;
    }

    /** Per service, what it spent since {@code before}; services missing from either reading are left out. */
    static Map<String, ServiceCpu> since(Map<String, ServiceCpu> now, Map<String, ServiceCpu> before) {
        Map<String, ServiceCpu> out = new LinkedHashMap<>();
        now.forEach((service, cpu) -> {
            if (before.containsKey(service)) {
                out.put(service, cpu.since(before.get(service)));
            }
        });
        return out;
    }

    /** A live process's reading; empty when it is gone or this is not Linux. */
    static Optional<ServiceCpu> of(String pid) {
        Path proc = Path.of("/proc", pid);
        try {
            long total = ticks(Files.readString(proc.resolve("stat")));
            long jit = 0;
            long gc = 0;
            try (var tasks = Files.list(proc.resolve("task"))) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException e) {
                        continue; // the thread ended meanwhile: its time is in the process's
                    }
                    switch (kind(name(stat))) {
                        case JIT -> jit += ticks(stat);
                        case GC -> gc += ticks(stat);
                        case OTHER -> {
                        }
                    }
                }
            }
            return Optional.of(new ServiceCpu(seconds(total), seconds(jit), seconds(gc)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    enum Kind {
        JIT, GC, OTHER
    }

    /** What a JVM thread does, by the name Linux shows (cut to 15 characters). */
    static Kind kind(String thread) {
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /** The thread's name: {@code stat}'s second field, in parentheses (a name may hold spaces and parentheses). */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime: the 14th and 15th fields, the 12th and 13th after the name. */
    static long ticks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }

    private static double seconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }
}
