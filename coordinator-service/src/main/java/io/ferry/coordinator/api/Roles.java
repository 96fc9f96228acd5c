package io.ferry.coordinator.api;

/** The API's roles; a user may hold several (the demo user holds all three). */
public final class Roles {

    /** Reads runs, their audit trails and reports. */
    public static final String VIEWER = "viewer";
    /** Starts, cancels and resumes runs. */
    public static final String OPERATOR = "operator";
    /** Approves gated runs and rolls loaded runs back. */
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
