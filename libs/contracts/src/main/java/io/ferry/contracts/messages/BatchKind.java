package io.ferry.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a batch holds: rows of a table, nodes of a label or relationships of a type. */
public enum BatchKind {
    @JsonProperty("table") TABLE,
    @JsonProperty("label") LABEL,
    @JsonProperty("relationship") RELATIONSHIP
}
