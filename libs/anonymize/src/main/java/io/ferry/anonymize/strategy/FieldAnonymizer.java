package io.ferry.anonymize.strategy;

/** One rule bound to a key: {@link Anonymizer#forRule(FieldRule)}. Thread-safe. */
@FunctionalInterface
public interface FieldAnonymizer {

    /**
     * The anonymized form of a PostgreSQL text value (or a JSON leaf, or a graph property as text).
     *
     * @param value     the source value; null gives null
     * @param entityKey for entity-scoped strategies ({@code date-shift}): the value of the rule's {@code entity}
     *                  column for this row; ignored by the others, may be null
     */
    String apply(String value, String entityKey);
}
