package io.ferry.planning.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.neo4j.driver.Result;
import org.neo4j.driver.Value;

/**
 * Cypher results returned a slice of rows per record. The server's Bolt writer and the driver each pay per record
 * (a message with its promise, a record with its own key index) several times what one more list element costs,
 * and the graph reads return hundreds of thousands of short rows. The rows of one query are collected on the server
 * first, which holds one chunk of a read there (the callers ask in chunks).
 */
public final class RowSlices {
    /** Rows per record. */
    static final int SIZE = 500;

    /**
     * The start of a query over the list parameter {@code $ids}: each element as {@code id} with its position
     * {@code i}. A row that returns {@code i} instead of {@code id} spares both sides an id per row.
     */
    public static final String EACH_ID = "UNWIND range(0, size($ids) - 1) AS i WITH i, $ids[i] AS id ";

    private RowSlices() {
    }

    /** The end of a query that returns {@code row} (a list expression) per match, a slice of rows per record. */
    public static String returning(String row) {
        // range(0, -1, n) is [0] in Cypher: without the WHERE no rows would still give an empty slice
        return " WITH collect(" + row + ") AS rows UNWIND range(0, size(rows) - 1, " + SIZE + ") AS s"
                + " WITH rows, s WHERE s < size(rows) RETURN rows[s..s + " + SIZE + "] AS slice";
    }

    /** Each row of a query that ends with {@link #returning}, in order. */
    public static void forEach(Result result, Consumer<Value> row) {
        result.forEachRemaining(r -> r.get("slice").values().forEach(row));
    }

    /**
     * Every row of a query that ends with {@link #returning}, in order, all received: the transaction may run its
     * next query while the caller works through these.
     */
    public static List<Value> all(Result result) {
        List<Value> rows = new ArrayList<>();
        forEach(result, rows::add);
        return rows;
    }
}
