package io.ferry.contracts.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Severity of a finding, written as in the spec: an error fails validation, a warning does not. */
public enum Severity {
    @JsonProperty("error") ERROR,
    @JsonProperty("warning") WARNING
}
