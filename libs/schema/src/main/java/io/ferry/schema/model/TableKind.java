package io.ferry.schema.model;

/** What a {@link Table} stands for. */
public enum TableKind {
    /** An ordinary PostgreSQL table (a legacy {@code INHERITS} parent too; it is read with {@code ONLY}). */
    TABLE,
    /** A declaratively partitioned table: one logical table, read and loaded through the parent. */
    PARTITIONED,
    /** A Neo4j node label. */
    LABEL,
    /** A Neo4j relationship type. */
    RELATIONSHIP
}
