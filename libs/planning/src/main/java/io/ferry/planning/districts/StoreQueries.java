package io.ferry.planning.districts;

import java.util.function.Consumer;

/**
 * The district survey's only way to read a store: one SQL query, rows as text. Kept behind this port
 * so the survey's mapping across stores is tested without databases.
 */
@FunctionalInterface
public interface StoreQueries {

    /** Runs {@code sql} on {@code store} inside its read-only snapshot; each row's values as text (null for NULL). */
    void query(String store, String sql, Consumer<String[]> row);
}
