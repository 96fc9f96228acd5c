package io.ferry.schema.mapping;

/**
 * A difference between PROD and CERT that the mapping reports: an error no rule covers, or a warning
 * about data a rule or a narrower type may change.
 *
 * @param column null when the issue is about the whole table
 * @param check  a short name for reports, e.g. {@code drift-missing-column}
 * @param message what differs and, for an error, the rule that would cover it; names and types only
 */
public record MappingIssue(boolean error, String column, String check, String message) {
}
