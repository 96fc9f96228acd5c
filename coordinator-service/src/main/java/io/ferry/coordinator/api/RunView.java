package io.ferry.coordinator.api;

import io.ferry.contracts.messages.RunStatus;
import io.ferry.coordinator.saga.Pending;
import io.ferry.coordinator.saga.RunState;
import io.ferry.coordinator.saga.Verification;
import java.util.List;

/**
 * A run as the API shows it: where it is, what it waits for and the command that continues it, the commands it
 * waits on (by id and attempt), and its latest verify (null when none was asked for).
 */
public record RunView(String runId, String district, String specHash, String requestedBy, RunStatus status,
        String step, boolean dryRun, boolean skipLoad, boolean refresh, String waitingFor, String continueWith,
        String reason, List<String> extractedStores, int anonymizedBatches, List<String> loadedStores,
        List<String> waitingOn, Verification verification) {

    static RunView of(RunState s) {
        return new RunView(s.runId(), s.district(), s.specHash(), s.requestedBy(), s.status(), s.step().name(),
                s.options().dryRun(), s.options().skipLoad(), s.options().refresh(), s.waitingFor(), s.continueWith(),
                s.reason(), s.extracted().stream().sorted().toList(), s.anonymizedBatches(), s.loaded(),
                s.pending().values().stream().map(RunView::waitingOn).sorted().toList(), s.verification());
    }

    private static String waitingOn(Pending p) {
        return p.commandId() + " (attempt " + p.attempt() + ")";
    }
}
