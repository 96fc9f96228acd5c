package io.ferry.schema.model;

/** What kind of database a store is. */
public enum StoreKind {
    POSTGRES, NEO4J
}
