package io.ferry.estate;

import java.util.Map;

/** One PROD district: rank 1 is the largest by rows. {@code rowsPerStore} counts nodes for {@code sp}. */
public record DistrictSummary(String code, int rank, long students, long staff, long schools, Map<String, Long> rowsPerStore) {
    public DistrictSummary {
        rowsPerStore = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsPerStore));
    }

    public long rows() {
        return rowsPerStore.values().stream().mapToLong(Long::longValue).sum();
    }
}
