package io.ferry.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CPU seconds of some processes and all their descendants, per process: the estate's JVM (its graph servers and Kafka
 * broker) and its two PostgreSQL servers, each backend a child of its postmaster. Each live process of a tree counts
 * its own user and system time plus that of the children it has waited for ({@code cutime}, {@code cstime}: a backend
 * that ended during the run); so everything is counted once, whether it still runs or not. A tree stops where another
 * named root starts (were a postmaster the JVM's child, it would still count as itself). From Linux's {@code /proc}, in
 * the ticks {@link ServiceCpu} reads.
 */
final class ProcessTreeCpu {

    /** One process as {@code /proc/PID/stat} shows it; {@code ticks} include its waited-for children's. */
    record Proc(String pid, String parent, long ticks) {
    }

    private ProcessTreeCpu() {
    }

    /**
     * Per name, the CPU of that root's tree so far; empty when no root can be read (not Linux, or all gone). A root
     * that is gone is left out.
     *
     * @param roots name to pid, in the order the result keeps
     */
    static Optional<Map<String, Double>> seconds(Map<String, String> roots) {
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
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks(all, roots).forEach((name, t) -> seconds.put(name, t / (double) ServiceCpu.TICKS_PER_SECOND));
        return seconds.isEmpty() ? Optional.empty() : Optional.of(seconds);
    }

    /**
     * Per named root among {@code all}, the ticks of its tree without the trees of the other roots in it; roots not
     * among {@code all} are left out.
     */
    static Map<String, Long> ticks(Collection<Proc> all, Map<String, String> roots) {
        Map<String, List<Proc>> children = new HashMap<>();
        Map<String, Proc> byPid = new HashMap<>();
        for (Proc p : all) {
            byPid.put(p.pid(), p);
            children.computeIfAbsent(p.parent(), k -> new ArrayList<>()).add(p);
        }
        Set<String> rootPids = new HashSet<>(roots.values());
        Map<String, Long> ticks = new LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
        roots.forEach((name, pid) -> {
            Proc root = byPid.get(pid);
            if (root == null || !counted.add(pid)) { // gone, or named twice
                return;
            }
            long sum = 0;
            List<Proc> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                Proc p = todo.removeLast();
                sum += p.ticks();
                children.getOrDefault(p.pid(), List.of()).stream().filter(c -> !rootPids.contains(c.pid()))
                        .forEach(todo::add);
            }
            ticks.merge(name, sum, Long::sum);
        });
        return ticks;
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
