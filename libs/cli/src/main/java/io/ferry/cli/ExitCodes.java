package io.ferry.cli;

/** Exit codes of every {@code ferry} command (DESIGN.md, Interfaces: command line). */
public final class ExitCodes {

    public static final int OK = 0;
    /** The thing checked is not OK: run not SUCCEEDED, verify not VALID, spec errors, validation FAILED. */
    public static final int NOT_OK = 1;
    public static final int USAGE = 2;
    /** A store or the API cannot be reached. */
    public static final int UNREACHABLE = 3;
    public static final int REFUSED = 4;
    public static final int NOT_FOUND = 5;
    /** An active run for the district already exists. */
    public static final int CONFLICT = 6;

    private ExitCodes() {
    }
}
