package io.ferry.extractor.messaging;

import io.ferry.contracts.Topics;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.extractor.catalog.Catalog;
import io.ferry.service.messaging.Command;
import io.ferry.service.messaging.Envelope;
import io.ferry.service.messaging.Envelopes;
import io.ferry.service.messaging.InboundCommand;
import io.ferry.service.messaging.SendWindow;
import io.ferry.service.messaging.StoredResults;
import io.ferry.service.spec.LoadedSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ferry.catalog.requests.v1} → {@link CatalogResult} on {@code ferry.catalog.results.v1}.
 * Catalog questions belong to no run, so their answers are not kept in staging (there is no run folder
 * for gc to remove them with): a redelivered question is answered again, read-only.
 */
@ApplicationScoped
public class CatalogCommand implements Command<CatalogRequest, CatalogResult> {

    private final Catalog catalog;

    public CatalogCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public Class<CatalogRequest> requestType() {
        return CatalogRequest.class;
    }

    @Override
    public Class<CatalogResult> resultType() {
        return CatalogResult.class;
    }

    @Override
    public String runIdOf(CatalogRequest request) {
        return null;
    }

    @Override
    public String specHashOf(CatalogRequest request) {
        return request.specHash();
    }

    @Override
    public Optional<StoredResults.Ref> storedAs(CatalogRequest request) {
        return Optional.empty();
    }

    @Override
    public CatalogResult run(InboundCommand<CatalogRequest> command, LoadedSpec spec, SendWindow window) {
        CatalogRequest request = command.request();
        CatalogResult result = catalog.answer(request, spec);
        if (result == null || !result.requestId().equals(request.requestId()) || result.kind() != request.kind()
                || result.attempt() != request.attempt() || !result.specHash().equals(request.specHash())) {
            throw new IllegalStateException("the catalog returned an answer to another request");
        }
        return result;
    }

    @Override
    public CatalogResult failed(CatalogRequest request, Failure failure) {
        return new CatalogResult(request.requestId(), request.kind(), request.specHash(), request.attempt(), null,
                failure);
    }

    @Override
    public Failure failureOf(CatalogResult result) {
        return result.failure();
    }

    @Override
    public Envelope envelope(CatalogResult result, UUID causationId) {
        return Envelopes.ofAttempt(Topics.CATALOG_RESULTS, result, result.attempt(), null, causationId);
    }
}
