package io.ferry.estate;

import java.time.Instant;
import java.util.Objects;

/** What the estate is generated from: the same options give the same data. */
public record EstateOptions(Preset preset, long seed, Instant asOf, Credentials credentials) {
    public EstateOptions {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(asOf, "asOf");
    }
}
