package io.ferry.staging;

import java.time.Instant;

/** What staging knows about an object without reading it. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
