package io.ferry.extractor.extraction;

import io.ferry.planning.Tuple;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code COPY} statements that stream a table's rows of the closure. {@code COPY} takes no bind
 * parameters, so a chunk of keys travels as an escaped array literal; every column is read as the
 * server prints it, in key order, so the same closure always gives the same batches.
 */
final class ExtractQueries {

    private ExtractQueries() {
    }

    /**
     * The rows whose key is one of {@code keys} (a chunk of the sorted closure keys), sorted by key. A
     * composite key looks each key up in the primary key's index ({@code LATERAL}, kept from being flattened
     * by {@code OFFSET 0}): joined as a set, the planner would scan the whole table for every chunk.
     */
    static String copyByKeys(Table table, List<String> keyColumns, List<Tuple> keys) {
        String orderBy = keyColumns.stream().map(ExtractQueries::column).collect(Collectors.joining(", "));
        if (keyColumns.size() == 1) {
            return copy(table, from(table), column(keyColumns.get(0)) + " = ANY("
                    + typedArray(table, keyColumns.get(0), keys, 0) + ")", orderBy);
        }
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            arrays.append(i > 0 ? ", " : "").append(typedArray(table, keyColumns.get(i), keys, i));
            names.append(i > 0 ? ", " : "").append("k").append(i);
            match.append(i > 0 ? " AND " : "").append(column(keyColumns.get(i))).append(" = k.k").append(i);
        }
        return copy(table, "unnest(" + arrays + ") AS k(" + names + ") CROSS JOIN LATERAL (SELECT * FROM " + from(table)
                + " WHERE " + match + " OFFSET 0) t", null, orderBy);
    }

    /**
     * Every row of a table without a primary key, in a stable order; the caller keeps the closure's rows.
     * Such tables are rare (junctions, logs) and their rows have no shorter identity than all columns.
     */
    static String copyAll(Table table) {
        return copy(table, from(table), null, "t::text");
    }

    /** The table as {@code t}; a partitioned table with its partitions, any other without its children. */
    private static String from(Table table) {
        return (table.kind() == TableKind.PARTITIONED ? "" : "ONLY ") + table.id().qualified() + " t";
    }

    private static String copy(Table table, String from, String predicate, String orderBy) {
        String columns = table.columns().stream().map(ExtractQueries::select).collect(Collectors.joining(", "));
        return "COPY (SELECT " + columns + " FROM " + from + (predicate == null ? "" : " WHERE " + predicate)
                + " ORDER BY " + orderBy + ") TO STDOUT";
    }

    /**
     * A column as {@code COPY} should print it. {@code xml}'s output function drops a default
     * {@code <?xml version="1.0"?>} declaration that the stored value (and {@code col::text}) keeps, so xml
     * is read through its cast to text, which returns the stored value.
     */
    private static String select(Column c) {
        return c.type().equals("xml") ? column(c.name()) + "::text" : column(c.name());
    }

    /** A column of the table, always quoted: a key column may be named like a reserved word ({@code user}). */
    private static String column(String name) {
        return "t.\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code CAST(E'{...}' AS text[])::type[]}: element {@code index} of each key as the column's type. */
    private static String typedArray(Table table, String column, List<Tuple> keys, int index) {
        Column c = table.column(column).orElseThrow(() -> new IllegalArgumentException(
                "table " + table.id() + " has no key column " + column));
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            appendElement(literal, keys.get(i).get(index));
        }
        literal.append('}');
        return "CAST(" + escapedString(literal.toString()) + " AS text[])::" + c.type() + "[]";
    }

    /** An array element in double quotes, with {@code "} and {@code \} escaped as the array syntax wants. */
    static void appendElement(StringBuilder literal, Object value) {
        if (value instanceof Long n) {
            literal.append(n.longValue());
            return;
        }
        String text = String.valueOf(value);
        literal.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                literal.append('\\');
            }
            literal.append(ch);
        }
        literal.append('"');
    }

    /** An {@code E'...'} string: independent of {@code standard_conforming_strings}. */
    static String escapedString(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
