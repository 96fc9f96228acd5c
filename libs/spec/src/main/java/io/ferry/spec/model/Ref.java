package io.ferry.spec.model;

import io.ferry.schema.model.TableId;

import java.util.List;
import java.util.Objects;

/**
 * One side of a reference as a spec writes it: a table (or graph label or relationship type) and
 * the columns (or properties) that hold the key, optionally a JSON path inside the single column.
 * {@link #toString()} prints the canonical text that {@link RefSyntax#parse} reads back.
 *
 * @param columns  empty when the spec names only the table ({@code closure.tables} keys)
 * @param jsonPath {@code $.personId} for {@code payload->'$.personId'}; null otherwise
 */
public record Ref(TableId table, List<String> columns, String jsonPath) {

    public Ref {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (jsonPath != null && columns.size() != 1) {
            throw new IllegalArgumentException("a JSON path applies to exactly one column");
        }
    }

    public boolean graph() {
        return table.schema().equals(TableId.LABELS) || table.schema().equals(TableId.RELATIONSHIPS);
    }

    /** The table part alone: {@code ids.public.person}, {@code sp:Person} or {@code sp:[:TEACHES]}. */
    public String tableText() {
        if (table.schema().equals(TableId.LABELS)) {
            return TableId.quote(table.store()) + ":" + RefSyntax.quoteGraphName(table.name());
        }
        if (table.schema().equals(TableId.RELATIONSHIPS)) {
            return TableId.quote(table.store()) + ":[:" + RefSyntax.quoteGraphName(table.name()) + "]";
        }
        return table.toString();
    }

    @Override
    public String toString() {
        if (columns.isEmpty()) {
            return tableText();
        }
        StringBuilder text = new StringBuilder(tableText()).append('(');
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            text.append(i == 0 ? "" : ", ").append(graph() ? RefSyntax.quoteGraphName(column) : TableId.quote(column));
        }
        if (jsonPath != null) {
            text.append("->'").append(jsonPath.replace("'", "''")).append('\'');
        }
        return text.append(')').toString();
    }
}
