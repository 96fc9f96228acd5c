package io.ferry.coordinator.persistence;

import java.time.Instant;
import java.util.UUID;

/** One line of a run's audit trail: who did what, when, and the status it left the run in. */
public record AuditEntry(long seq, UUID eventId, String kind, String actor, Instant at, String what, String status) {
}
