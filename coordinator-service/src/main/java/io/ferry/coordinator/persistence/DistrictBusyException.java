package io.ferry.coordinator.persistence;

/** A run was asked for a district that has an active run; the database's one-active-run index said no. */
public final class DistrictBusyException extends RuntimeException {

    private final String activeRunId;

    public DistrictBusyException(String district, String activeRunId) {
        super("district " + district + " has an active run" + (activeRunId == null ? "" : ", " + activeRunId)
                + ": wait for it to end, or cancel it");
        this.activeRunId = activeRunId;
    }

    public String activeRunId() {
        return activeRunId;
    }
}
