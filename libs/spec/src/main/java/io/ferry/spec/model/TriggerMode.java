package io.ferry.spec.model;

/** Whether user triggers fire during Ferry's own fix-up updates. */
public enum TriggerMode implements SpecEnum {
    /** Suppressed (session_replication_role = replica); Ferry checks references itself. */
    SUPPRESS("suppress"),
    /** Fire as in normal operation. */
    FIRE("fire");

    private final String word;

    TriggerMode(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
