package io.ferry.contracts.messages;

import java.util.List;

/**
 * One problem found by validation or verification, as the run report lists it.
 *
 * @param check    what was checked, e.g. {@code not-null}, {@code unique}, {@code fk}, a business
 *                 rule's message
 * @param table    qualified {@code schema.table}, or a label or relationship type
 * @param column   null when the check is about whole rows
 * @param count    rows (or nodes, relationships) affected
 * @param examples a few anonymized keys of affected rows, never other values
 */
public record Finding(String check, Severity severity, String store, String table, String column, long count,
        List<String> examples) {

    public Finding {
        Require.text("Finding.check", check);
        Require.present("Finding.severity", severity);
        Require.text("Finding.store", store);
        Require.text("Finding.table", table);
        Require.optionalText("Finding.column", column);
        Require.count("Finding.count", count);
        examples = Require.list("Finding.examples", examples);
    }
}
