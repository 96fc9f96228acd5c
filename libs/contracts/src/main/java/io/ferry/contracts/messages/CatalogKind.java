package io.ferry.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the coordinator asks the extractor about PROD, which only the extractor can read. */
public enum CatalogKind {
    /** The closure plan of one district, as {@code ferry plan --format json} prints it. */
    @JsonProperty("plan") PLAN,
    /** The introspected PROD schema of every store in the spec. */
    @JsonProperty("schema") SCHEMA,
    /** The districts and their sizes, as in {@code district-manifest.json}. */
    @JsonProperty("districts") DISTRICTS
}
