package io.ferry.extractor.extraction;

import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.service.spec.LoadedSpec;

/**
 * Extracts one store's part of a district's closure into raw batches in staging. Deterministic: the
 * same request over the same PROD data writes the same batch paths and ids, so a redelivered request or
 * a restart simply writes them again.
 *
 * <p>Throws {@link ExtractionFailure} when it cannot finish; the caller retries transient failures and
 * turns the rest into the result's {@code failure}.
 */
public interface StoreExtractor {

    ExtractResult extract(ExtractRequest request, LoadedSpec spec, ExtractionListener listener);
}
