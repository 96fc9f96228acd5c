package io.ferry.schema.mapping;

import io.ferry.schema.model.TableId;

import java.util.Objects;

/**
 * A spec rule for one column that differs between PROD and CERT ({@code validate.drift} in the spec).
 *
 * @param value for {@link DriftAction#DEFAULT}: an SQL literal for every loaded row, or null for CERT's
 *              column default; null for the other actions
 */
public record DriftRule(TableId table, String column, DriftAction action, String value) {

    public DriftRule {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(action, "action");
        if (value != null && action != DriftAction.DEFAULT) {
            throw new IllegalArgumentException("only a default rule has a value");
        }
    }
}
