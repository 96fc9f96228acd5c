package io.ferry.spec.model;

import java.util.List;

/** Refresh these districts on a cron schedule (five fields, UTC). */
public record Schedule(String cron, List<String> districts) {

    public Schedule {
        districts = List.copyOf(districts);
    }
}
