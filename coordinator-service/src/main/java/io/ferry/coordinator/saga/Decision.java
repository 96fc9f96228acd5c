package io.ferry.coordinator.saga;

import java.util.List;

/**
 * The outcome of one event: the run's new state, what to do, and a line for the audit trail.
 *
 * @param what what happened, in words, never with personal data
 */
public record Decision(RunState state, List<Effect> effects, String what) {

    public Decision {
        effects = List.copyOf(effects);
    }
}
