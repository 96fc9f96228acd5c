package io.ferry.extractor.extraction;

import io.ferry.contracts.messages.Failure;

/**
 * Why a step of the extractor could not finish. The message is sanitized by whoever throws it: tables,
 * columns, SQL states and counts, never row values (results are stored and scanned for leaks).
 */
public final class ExtractionFailure extends RuntimeException {

    private final Failure failure;

    public ExtractionFailure(Failure.Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public ExtractionFailure(Failure.Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.failure = new Failure(kind, code, message);
    }

    public static ExtractionFailure transientFailure(String code, String message, Throwable cause) {
        return new ExtractionFailure(Failure.Kind.TRANSIENT, code, message, cause);
    }

    public static ExtractionFailure fatal(String code, String message) {
        return new ExtractionFailure(Failure.Kind.FATAL, code, message, null);
    }

    /** PROD could not be read: unreachable is worth a retry, refused or failed reads are not. */
    public static ExtractionFailure of(io.ferry.planning.prod.ProdAccessException e) {
        return switch (e.reason()) {
            case UNREACHABLE -> transientFailure("PROD_UNREACHABLE", e.getMessage(), e);
            case REFUSED -> fatal("PROD_REFUSED", e.getMessage());
            default -> fatal("PROD_READ_FAILED", e.getMessage());
        };
    }

    public Failure failure() {
        return failure;
    }

    public boolean isTransient() {
        return failure.kind() == Failure.Kind.TRANSIENT;
    }
}
