package io.ferry.contracts.messages;

/**
 * The status of a run, as the coordinator's state machine sets it. Only active runs count for the
 * rule "one active run per district".
 */
public enum RunStatus {
    REQUESTED,
    RUNNING,
    /** Waits for a person to approve the load. */
    AWAITING_APPROVAL,
    /** Waits for a person to resolve something, e.g. a rollback that would remove testers' changes. */
    BLOCKED,
    SUCCEEDED,
    /** Stopped before CERT was touched. */
    FAILED,
    CANCELLED,
    COMPENSATING,
    COMPENSATED,
    /** Compensation could not finish; the shipped alert rule watches for it. */
    COMPENSATION_FAILED;

    /** The run still has work to do or is waiting for a person. */
    public boolean isActive() {
        return switch (this) {
            case REQUESTED, RUNNING, AWAITING_APPROVAL, BLOCKED, COMPENSATING -> true;
            case SUCCEEDED, FAILED, CANCELLED, COMPENSATED, COMPENSATION_FAILED -> false;
        };
    }

    /**
     * The run does nothing more on its own. An operator may still start a rollback of a
     * {@code SUCCEEDED} run or retry a {@code COMPENSATION_FAILED} one.
     */
    public boolean isTerminal() {
        return !isActive();
    }
}
