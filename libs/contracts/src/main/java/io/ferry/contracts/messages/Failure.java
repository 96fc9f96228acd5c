package io.ferry.contracts.messages;

/**
 * Why a step did not complete, in a result. {@code message} is sanitized: it names tables, columns,
 * rules and counts but never carries row values or personal data, because results are stored in
 * the coordinator, shown in the API and scanned for leaks.
 *
 * @param kind    what the coordinator does next
 * @param code    a stable upper-case code for machines, e.g. {@code PROD_UNREACHABLE}
 * @param message a sanitized sentence for people
 */
public record Failure(Kind kind, String code, String message) {

    public enum Kind {
        /** Worth retrying as a new attempt: a lost connection, a standby recovery conflict. */
        TRANSIENT,
        /** Needs a person: the run waits in {@code BLOCKED} until told to continue. */
        BLOCKING,
        /** Retrying cannot help: the run fails (or, after CERT was touched, compensates). */
        FATAL
    }

    public Failure {
        Require.present("Failure.kind", kind);
        Require.text("Failure.code", code);
        Require.text("Failure.message", message);
    }
}
