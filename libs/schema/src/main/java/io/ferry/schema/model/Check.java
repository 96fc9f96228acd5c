package io.ferry.schema.model;

/** A CHECK constraint, its expression as {@code pg_get_constraintdef} prints it. */
public record Check(String name, String expression) {
}
