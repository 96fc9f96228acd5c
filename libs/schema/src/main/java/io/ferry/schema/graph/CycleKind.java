package io.ferry.schema.graph;

/** What a cyclic component is, by the costliest way it must be broken. */
public enum CycleKind {
    /** One table referencing itself (a parent chain, possibly composite). */
    SELF_REFERENCE,
    /** Broken only at references no database enforces. */
    UNENFORCED,
    /** Every cycle has a deferrable reference: defer it. */
    DEFERRABLE,
    /** Some cycle needs a nullable reference broken: insert NULL, fix up after. */
    NULLABLE,
    /** Some cycle is all NOT NULL and non-deferrable: the component loads in one statement. */
    NOT_NULL
}
