package io.ferry.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CPU seconds of some processes and all their descendants: the estate's JVM (its graph servers and Kafka broker) and
 * its PostgreSQL servers, each backend a child of its postmaster. Each live process of a tree counts its own user and
 * system time plus that of the children it has waited for ({@code cutime}, {@code cstime}: a backend that ended during
 * the run); so everything is counted once, whether it still runs or not. From Linux's {@code /proc}, in the ticks
 * {@link ServiceCpu} reads.
 */
final class ProcessTreeCpu {

    /** One process as {@code /proc/PID/stat} shows it; {@code ticks} include its waited-for children's. */
    record Proc(String pid, String parent, long ticks) {
    }

    private ProcessTreeCpu() {
    }

    /** The CPU of {@code roots} and their descendants so far; empty when no root can be read (not Linux, or gone). */
    static Optional<Double> seconds(Collection<String> roots) {
        List<Proc> all = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.toList()) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    all.add(new Proc(pid, parent(stat), ticksWithChildren(stat)));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile: its time is in its parent's
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(ticks(all, roots)).filter(t -> t >= 0).map(t -> t / (double) ServiceCpu.TICKS_PER_SECOND);
    }

    /** The ticks of {@code roots}' trees among {@code all}; -1 when no root is among them. */
    static long ticks(Collection<Proc> all, Collection<String> roots) {
        Map<String, List<Proc>> children = new HashMap<>();
        Map<String, Proc> byPid = new HashMap<>();
        for (Proc p : all) {
            byPid.put(p.pid(), p);
            children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p);
        }
        Set<String> seen = new HashSet<>();
        List<Proc> todo = new ArrayList<>();
        roots.stream().map(byPid::get).filter(p -> p != null).forEach(todo::add);
        if (todo.isEmpty()) {
            return -1;
        }
        long sum = 0;
        while (!todo.isEmpty()) {
            Proc p = todo.removeLast();
            if (seen.add(p.pid())) { // a root that descends from another root counts once
                sum += p.ticks();
                todo.addAll(children.getOrDefault(p.pid(), List.of()));
            }
        }
        return sum;
    }

    /** The parent's pid: the 4th field, the 2nd after the name. */
    static String parent(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
    }

    /** utime + stime + cutime + cstime: the 14th to 17th fields, the 12th to 15th after the name. */
    static long ticksWithChildren(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[11]) + Long.parseLong(after[12]) + Long.parseLong(after[13])
                + Long.parseLong(after[14]);
    }
}
