package io.ferry.extractor.messaging;

import io.ferry.extractor.extraction.ExtractionFailure;
import jakarta.enterprise.inject.Instance;

/** Resolves the work ports ({@code StoreExtractor}, {@code Preflight}, {@code Catalog}) at call time. */
final class Ports {

    /** The code of a result whose port has no implementation in this build. */
    static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";

    private Ports() {
    }

    /** @throws ExtractionFailure fatal {@value #NOT_IMPLEMENTED} when no single bean implements the port */
    static <T> T require(Instance<T> port, Class<T> type) {
        if (!port.isResolvable()) {
            throw ExtractionFailure.fatal(NOT_IMPLEMENTED, "this extractor build has "
                    + (port.isAmbiguous() ? "more than one " : "no ") + type.getSimpleName());
        }
        return port.get();
    }
}
