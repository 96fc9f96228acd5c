package io.ferry.contracts.messages;

/**
 * A question about PROD for the extractor, the only service with PROD credentials: a district's
 * closure plan, the PROD schema, or the list of districts. Not part of a run.
 *
 * @param requestId the coordinator's id for the question; the answer carries it back
 * @param district  the district to plan; required for {@code plan}, null otherwise
 */
public record CatalogRequest(String requestId, CatalogKind kind, String specHash, int attempt, String district)
        implements Message {

    public CatalogRequest {
        Require.text("CatalogRequest.requestId", requestId);
        Require.present("CatalogRequest.kind", kind);
        Require.sha256("CatalogRequest.specHash", specHash);
        Require.attempt("CatalogRequest.attempt", attempt);
        Require.optionalText("CatalogRequest.district", district);
        Require.rule((district != null) == (kind == CatalogKind.PLAN),
                "CatalogRequest.district is required for plan and not allowed for schema or districts");
    }

    @Override
    public String key() {
        return requestId;
    }
}
