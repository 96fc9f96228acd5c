package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

/** A business rule: a PostgreSQL boolean expression over one row of {@code table}. */
public record ValidateRule(TableId table, String check, Severity severity, String message) {
}
