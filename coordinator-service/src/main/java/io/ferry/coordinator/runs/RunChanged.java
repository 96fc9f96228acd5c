package io.ferry.coordinator.runs;

/** A run's event was applied and committed: its outbox rows and the load slot may need attention now. */
public enum RunChanged {
    INSTANCE
}
