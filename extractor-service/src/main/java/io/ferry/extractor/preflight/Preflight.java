package io.ferry.extractor.preflight;

import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.service.spec.LoadedSpec;

/**
 * The first command of every run, before any batch is written: PROD reachable and read-only, every field
 * of the closure classified, the district's name and identifier tokens written as HMACs to
 * {@code {runId}/dictionary/}. Throws {@link io.ferry.extractor.extraction.ExtractionFailure} when it
 * cannot run; findings go into the result.
 */
public interface Preflight {

    PreflightResult run(PreflightRequest request, LoadedSpec spec);
}
