package io.ferry.estate;

import java.util.List;
import java.util.Map;

/**
 * What was generated: PROD districts by rank, PROD rows per store ({@code sp} counts nodes), every
 * planted feature and every honeytoken.
 */
public record EstateReport(EstateOptions options, List<DistrictSummary> districts, Map<String, Long> prodRowsPerStore,
                           List<Planted> planted, List<Honeytoken> honeytokens) {
    public EstateReport {
        districts = List.copyOf(districts);
        prodRowsPerStore = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prodRowsPerStore));
        planted = List.copyOf(planted);
        honeytokens = List.copyOf(honeytokens);
    }

    /** The district of the given rank (1 = largest). */
    public DistrictSummary rank(int rank) {
        return districts.stream().filter(d -> d.rank() == rank).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no district of rank " + rank));
    }

    /** PROD records over all stores. */
    public long totalRows() {
        return prodRowsPerStore.values().stream().mapToLong(Long::longValue).sum();
    }
}
