package io.ferry.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The spec's {@code closure.dangling}: what happens to a cross-store reference whose target is missing. */
public enum DanglingPolicy {
    @JsonProperty("drop") DROP,
    @JsonProperty("null") NULL,
    @JsonProperty("fail") FAIL
}
