package io.ferry.extractor.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.extractor.catalog.Catalog;
import io.ferry.service.spec.LoadedSpec;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.atomic.AtomicInteger;

/** The test stand-in for the real catalog: answers with the spec's store names and the district asked. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedCatalog implements Catalog {

    private final AtomicInteger calls = new AtomicInteger();

    public int calls() {
        return calls.get();
    }

    @Override
    public CatalogResult answer(CatalogRequest request, LoadedSpec spec) {
        calls.incrementAndGet();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("district", request.district());
        spec.spec().stores().keySet().forEach(payload.putArray("stores")::add);
        return new CatalogResult(request.requestId(), request.kind(), request.specHash(), request.attempt(), payload,
                null);
    }
}
