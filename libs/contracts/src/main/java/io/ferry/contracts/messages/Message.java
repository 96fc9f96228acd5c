package io.ferry.contracts.messages;

/**
 * A record sent on one of Ferry's topics. Sealed, so a consumer can switch over every kind.
 */
public sealed interface Message permits
        PreflightRequest, PreflightResult,
        ExtractRequest, ExtractResult,
        BatchManifest,
        LeakCheckRequest, LeakCheckResult,
        ValidateRequest, ValidateResult,
        LoadRequest, LoadResult,
        CompensateRequest, CompensateResult,
        VerifyRequest, VerifyResult,
        CatalogRequest, CatalogResult,
        Progress, RunStatusChanged {

    /**
     * The Kafka record key by the topic's convention (DESIGN.md): the run id; {@code {runId}/{store}}
     * for extraction; the batch id for batches; the request id for catalog messages. Messages with
     * the same key stay in order on one partition.
     */
    String key();
}
