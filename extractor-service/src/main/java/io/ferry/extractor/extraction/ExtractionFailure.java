package io.ferry.extractor.extraction;

import io.ferry.contracts.messages.Failure;
import io.ferry.planning.prod.ProdAccessException;
import io.ferry.service.StepFailure;

/**
 * A {@link StepFailure} of the extractor's own work (PROD, closure, batches). Same rules: the message is
 * sanitized by whoever throws it, never a row value.
 */
public final class ExtractionFailure extends StepFailure {

    public ExtractionFailure(Failure.Kind kind, String code, String message, Throwable cause) {
        super(kind, code, message, cause);
    }

    public static ExtractionFailure transientFailure(String code, String message, Throwable cause) {
        return new ExtractionFailure(Failure.Kind.TRANSIENT, code, message, cause);
    }

    public static ExtractionFailure fatal(String code, String message) {
        return new ExtractionFailure(Failure.Kind.FATAL, code, message, null);
    }

    /** PROD could not be read: unreachable is worth a retry, refused or failed reads are not. */
    public static ExtractionFailure of(ProdAccessException e) {
        return switch (e.reason()) {
            case UNREACHABLE -> transientFailure("PROD_UNREACHABLE", e.getMessage(), e);
            case REFUSED -> fatal("PROD_REFUSED", e.getMessage());
            default -> fatal("PROD_READ_FAILED", e.getMessage());
        };
    }
}
