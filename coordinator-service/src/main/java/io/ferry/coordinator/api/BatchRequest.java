package io.ferry.coordinator.api;

import java.util.List;

/** {@code POST /batches}: the districts, and the options every one of their runs takes (as in {@code POST /runs}). */
public record BatchRequest(List<String> districts, RunRequest options) {
}
