package io.ferry.cli.api;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar per phase on a terminal (me.tongfei.progressbar, on stderr): rows done of the phase's total, rows
 * per second and the time left, with the run's status beside it. Only on a terminal: redirected output gets lines.
 */
final class ProgressBars implements AutoCloseable {

    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();

    /**
     * Whether stderr, where the bars draw, is a terminal: on Linux, what its file descriptor names; elsewhere the JVM's
     * console (which says whether stdin and stdout are terminals, the nearest there is).
     */
    static boolean onTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException e) {
                // unreadable: ask the console below
            }
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ has a Console also when redirected, and says so here
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    void show(List<PhaseProgress.Phase> phases, String status) {
        for (PhaseProgress.Phase p : phases) {
            ProgressBar bar = bars.computeIfAbsent(p.name(), n -> new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%-9s", n.toLowerCase(Locale.ROOT))).setUnit(" rows", 1)
                    .showSpeed().setInitialMax(-1).setUpdateIntervalMillis(500).build());
            bar.maxHint(p.total() == null ? -1 : Math.max(p.total(), p.done()));
            bar.stepTo(p.done());
            bar.setExtraMessage(" " + status);
        }
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
