package io.ferry.planning.graph;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Value;

/**
 * How the plan names a PROD graph's nodes and relationships: by the store's id of each ({@code id(n)} in Cypher),
 * written as decimal text. The plan reads, keeps and sends back hundreds of thousands of them: as numbers the server
 * seeks them directly and writes eight bytes, where an element id is a string of some 45 characters (the database's
 * uuid and the same number) that the server builds for each hop and parses for each lookup, and that this side
 * decodes, hashes and keeps. A throwaway harness against the large estate's graph (2026-11-29, 549,128 hops of
 * 100,000 nodes, five warm rounds each): the server's CPU 1.0-1.25 s with element ids, 0.5-0.7 s with these.
 *
 * <p>{@code id()} is deprecated in Neo4j 5 in favour of {@code elementId()}, which the plan used before; it still works
 * in 5.26, and every use is here and in the Cypher built with {@link #of}. Element ids carry the same number and are
 * reused the same way after a deletion, so neither is stable beyond the store it came from, which is all the plan
 * asks: it reads the ids again in the graph it planned, and a reader checks what it reads against the plan.
 */
public final class GraphIds {

    private GraphIds() {
    }

    /** The Cypher expression for the id of the node or relationship bound to {@code variable}. */
    public static String of(String variable) {
        return "id(" + variable + ")";
    }

    /** One of the plan's ids as a query parameter, for {@code WHERE id(n) = $id}. */
    public static long parameter(String id) {
        return Long.parseLong(id);
    }

    /** The plan's ids as a query parameter, for {@code WHERE id(n) = id} over {@code UNWIND $ids AS id}. */
    public static List<Long> parameter(List<String> ids) {
        List<Long> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(parameter(id));
        }
        return out;
    }

    /** The plan's id of a value {@link #of} returned. */
    public static String text(Value id) {
        return text(id.asLong());
    }

    /** The plan's id of the number {@link #of} returned. */
    public static String text(long id) {
        return Long.toString(id);
    }
}
