package io.ferry.extractor.catalog;

import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.service.spec.LoadedSpec;

/**
 * Answers the coordinator's questions about PROD (plan, schema, districts), so that only the extractor
 * holds PROD credentials. Throws {@link io.ferry.extractor.extraction.ExtractionFailure} when it cannot.
 */
public interface Catalog {

    CatalogResult answer(CatalogRequest request, LoadedSpec spec);
}
