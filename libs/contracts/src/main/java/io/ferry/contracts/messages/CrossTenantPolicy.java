package io.ferry.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The spec's {@code closure.crossTenant}: what happens to a row pulled in that another district owns. */
public enum CrossTenantPolicy {
    @JsonProperty("copy") COPY,
    @JsonProperty("nullify") NULLIFY,
    @JsonProperty("fail") FAIL
}
