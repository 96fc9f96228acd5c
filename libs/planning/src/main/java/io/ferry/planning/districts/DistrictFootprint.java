package io.ferry.planning.districts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One district's size as the survey estimates it: owned rows and bytes per store (store order of the
 * spec), its people and schools (null where nothing names them), and its latest activity.
 *
 * @param lastActivity ISO-8601 UTC ({@code 2026-05-31T14:02:11Z}), or null when no owned table has a
 *                     timestamp column
 */
public record DistrictFootprint(String id, Map<String, Long> rowsByStore, Map<String, Long> bytesByStore,
        Long students, Long staff, Long schools, String lastActivity) {

    public DistrictFootprint {
        rowsByStore = Collections.unmodifiableMap(new LinkedHashMap<>(rowsByStore));
        bytesByStore = Collections.unmodifiableMap(new LinkedHashMap<>(bytesByStore));
    }

    public long rows() {
        return rowsByStore.values().stream().mapToLong(Long::longValue).sum();
    }

    public long bytes() {
        return bytesByStore.values().stream().mapToLong(Long::longValue).sum();
    }
}
