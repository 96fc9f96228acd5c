package io.ferry.schema.graph;

/**
 * How the loader gets past one reference of a cycle. Cheapest first: the classifier breaks a cycle at
 * the cheapest reference it can.
 */
public enum BreakMethod {
    /** No database enforces it (a spec link, virtual key or JSON path): load in any order, rewrite remapped keys after. */
    UNENFORCED,
    /** DEFERRABLE: the loader defers it to commit, so insertion order does not matter. */
    DEFER,
    /** Nullable: insert the child with NULL, then set the value once the parent is in. */
    NULL_THEN_UPDATE,
    /** NOT NULL and not deferrable: insert every table of the cycle in one statement (a writable CTE). */
    ONE_STATEMENT
}
