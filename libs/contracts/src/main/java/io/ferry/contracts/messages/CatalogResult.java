package io.ferry.contracts.messages;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a {@link CatalogRequest}. The payload is JSON in the shape the matching command
 * prints: {@code ferry plan --format json} for plan, {@code district-manifest.json} for districts.
 * Its shape is owned by the schema and plan code, not by this module, so it travels as a tree.
 *
 * @param payload the answer; null only with a failure
 * @param failure null unless the extractor could not answer
 */
public record CatalogResult(String requestId, CatalogKind kind, String specHash, int attempt, JsonNode payload,
        Failure failure) implements Message {

    /** Copies the tree, because a {@link JsonNode} is mutable; JSON {@code null} reads as absent. */
    public CatalogResult {
        Require.text("CatalogResult.requestId", requestId);
        Require.present("CatalogResult.kind", kind);
        Require.sha256("CatalogResult.specHash", specHash);
        Require.attempt("CatalogResult.attempt", attempt);
        payload = payload == null || payload.isNull() ? null : payload.deepCopy();
        Require.rule(payload != null || failure != null, "CatalogResult.payload is required unless there is a failure");
    }

    /** A copy, so that the record stays immutable. */
    @Override
    public JsonNode payload() {
        return payload == null ? null : payload.deepCopy();
    }

    @Override
    public String key() {
        return requestId;
    }
}
