package io.ferry.cli.estate;

import io.ferry.estate.DistrictSummary;
import io.ferry.estate.EstateReport;
import java.util.List;
import java.util.Map;

/** What {@code estate up} prints: the districts by rank and rows per store. Holds no personal data. */
public record EstateSummary(String preset, long seed, String asOf, Map<String, Long> prodRowsPerStore,
        List<DistrictSummary> districts) {

    static EstateSummary of(EstateReport report) {
        return new EstateSummary(report.options().preset().name().toLowerCase(java.util.Locale.ROOT),
                report.options().seed(), report.options().asOf().toString(), report.prodRowsPerStore(),
                report.districts());
    }
}
