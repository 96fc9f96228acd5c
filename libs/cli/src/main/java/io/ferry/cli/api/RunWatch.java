package io.ferry.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run through the API until it ends, printing a line whenever its status, step or counts change, with each
 * phase's rows from the run's live feed (as progress bars on a terminal: rows, rows/s and time left). A run
 * waiting at an approval gate is approved when the watcher was told to (the demo's user holds every role, and the
 * demo says so), else the watch says who must act and goes on; a blocked run ends the watch, since only an operator
 * can decide what to do.
 */
public final class RunWatch {

    /** Statuses a run does not leave by itself. */
    public static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "COMPENSATED",
            "COMPENSATION_FAILED", "BLOCKED");

    private static final java.time.Duration UNREACHABLE_PATIENCE = java.time.Duration.ofMinutes(2);
    /**
     * How often the run is read when nothing happens: the feed's status changes wake the watch at once (a gate it
     * approves holds the run up no longer than the feed takes), so the polling only refreshes counts and covers a
     * feed that is gone. Four reads a second (before) cost the coordinator and the watch about 2 s of CPU in a 100 s bench
     * run, on two cores the run's phases needed.
     */
    private static final long POLL_MILLIS = 1000;

    private final ApiClient api;
    private final PrintStream out;
    private final boolean approve;
    private final long pollMillis;

    /** @param approve whether to approve the gates the run waits at */
    public RunWatch(ApiClient api, PrintStream out, boolean approve) {
        this(api, out, approve, POLL_MILLIS);
    }

    /** With a poll of its own, so that a test can tell a read the feed woke from a polled one. */
    RunWatch(ApiClient api, PrintStream out, boolean approve, long pollMillis) {
        this.api = api;
        this.out = out;
        this.approve = approve;
        this.pollMillis = pollMillis;
    }

    /**
     * @param stores the spec's stores, or 0 when unknown
     * @return the run as it ended (or blocked)
     */
    public JsonNode follow(String runId, int stores) throws InterruptedException {
        PhaseProgress progress = new PhaseProgress();
        Semaphore statusChanged = new Semaphore(0);
        try (ProgressFeed feed = ProgressFeed.open(api, runId, progress::accept, statusChanged::release);
                ProgressBars bars = ProgressBars.onTerminal() ? new ProgressBars() : null) {
            return follow(runId, stores, progress, bars, statusChanged);
        }
    }

    /**
     * On a terminal the bars show each phase's rows and a line is printed when the status or step changes; otherwise
     * a line whenever anything changes, the phases' rows included.
     */
    private JsonNode follow(String runId, int stores, PhaseProgress progress, ProgressBars bars, Semaphore statusChanged)
            throws InterruptedException {
        long start = System.nanoTime();
        String last = "";
        long printed = 0;
        String of = stores > 0 ? "/" + stores : "";
        boolean told = false;
        long unreachableSince = 0;
        while (true) {
            JsonNode run;
            try {
                run = api.get("/runs/" + runId);
                unreachableSince = 0;
            } catch (FerryException e) {
                // a coordinator that restarts (a new pod, a crash) is back in seconds: keep watching for a while
                if (e.exitCode() != ExitCodes.UNREACHABLE || unreachableSince != 0
                        && System.nanoTime() - unreachableSince > UNREACHABLE_PATIENCE.toNanos()) {
                    throw e;
                }
                if (unreachableSince == 0) {
                    unreachableSince = System.nanoTime();
                    out.println("           the coordinator does not answer; still watching for "
                            + UNREACHABLE_PATIENCE.toSeconds() + " s");
                }
                Thread.sleep(1000);
                continue;
            }
            String status = run.path("status").asText();
            String step = String.format(Locale.ROOT, "%-20s %-12s", status, run.path("step").asText());
            String line = step + String.format(Locale.ROOT, " extracted %d%s stores, %d batches anonymized, loaded %d%s",
                    run.path("extractedStores").size(), of, run.path("anonymizedBatches").asInt(),
                    run.path("loadedStores").size(), of);
            List<PhaseProgress.Phase> phases = progress.snapshot();
            if (bars != null) {
                bars.show(phases, status);
                line = step;
            } else if (!phases.isEmpty()) {
                line += " | " + String.join("; ", phases.stream().map(PhaseProgress.Phase::describe).toList());
            }
            // a new status or step at once; changed counts at most once a second, as the watch printed before
            boolean newStep = !last.startsWith(step);
            if (!line.equals(last) && (newStep || System.nanoTime() - printed >= 1_000_000_000L)) {
                out.printf(Locale.ROOT, "%7.1f s  %s%n", (System.nanoTime() - start) / 1e9, line.stripTrailing());
                last = line;
                printed = System.nanoTime();
            }
            if (status.equals("AWAITING_APPROVAL") && approve) {
                out.println("           approving: " + run.path("waitingFor").asText() + " (ferry approve " + runId + ")");
                api.post("/runs/" + runId + "/approve", null);
                continue;
            }
            if (status.equals("AWAITING_APPROVAL") && !told) {
                out.println("           waiting for " + run.path("waitingFor").asText() + ": ferry approve " + runId);
            }
            told = status.equals("AWAITING_APPROVAL");
            if (ENDED.contains(status)) {
                return run;
            }
            // The next read: at the next status change, or after a while; changes the last read saw are not waited for.
            statusChanged.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
            statusChanged.drainPermits();
        }
    }
}
