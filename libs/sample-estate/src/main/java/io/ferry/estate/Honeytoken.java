package io.ferry.estate;

/**
 * A value that must never reach CERT: found at {@code store}/{@code table}/{@code column} of the row
 * {@code key} ({@code col=value} pairs joined by {@code ,}). For free text and JSON the value is
 * contained in the field.
 */
public record Honeytoken(String store, String table, String key, String column, String value) {
}
