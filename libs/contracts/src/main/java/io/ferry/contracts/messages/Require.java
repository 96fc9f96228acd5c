package io.ferry.contracts.messages;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.ids.RunId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Field checks for the compact constructors. Messages name the field ({@code Record.field}) and the
 * rule, never the value.
 */
final class Require {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Require() {
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new ContractViolation(field + " is required");
        }
        return value;
    }

    static String text(String field, String value) {
        if (present(field, value).isBlank()) {
            throw new ContractViolation(field + " must not be blank");
        }
        return value;
    }

    /** Null means "not applicable"; an empty string would be a second way to say it. */
    static String optionalText(String field, String value) {
        return value == null ? null : text(field, value);
    }

    static String runId(String field, String value) {
        present(field, value);
        try {
            RunId.parse(value);
        } catch (ContractViolation e) {
            throw new ContractViolation(field + ": " + e.getMessage());
        }
        return value;
    }

    static String sha256(String field, String value) {
        if (!SHA256.matcher(present(field, value)).matches()) {
            throw new ContractViolation(field + " must be a sha256 as 64 lower-case hex digits");
        }
        return value;
    }

    static int attempt(String field, int value) {
        if (value < 1) {
            throw new ContractViolation(field + " must be 1 or more");
        }
        return value;
    }

    static long count(String field, long value) {
        if (value < 0) {
            throw new ContractViolation(field + " must be 0 or more");
        }
        return value;
    }

    /**
     * An immutable copy; absent means empty, so the records never hold null collections. (Immutable
     * collections throw on {@code contains(null)}, hence the streams.)
     */
    static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new ContractViolation(field + " must not contain null");
        }
        return List.copyOf(values);
    }

    /** An immutable copy; absent means empty, so the records never hold null collections. */
    static <K, V> Map<K, V> map(String field, Map<K, V> values) {
        if (values == null) {
            return Map.of();
        }
        if (values.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new ContractViolation(field + " must not contain null keys or values");
        }
        return Map.copyOf(values);
    }

    /** A rule between fields; {@code message} states the rule. */
    static void rule(boolean holds, String message) {
        if (!holds) {
            throw new ContractViolation(message);
        }
    }

    /** A result that reports a {@link Failure} must also report the failing status. */
    static void failureMeansFailed(String record, Failure failure, boolean failed) {
        rule(failure == null || failed, record + ": a result with a failure must have a failing status");
    }
}
