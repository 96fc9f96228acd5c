package io.ferry.anonymize.strategy;

/**
 * A value a strategy cannot transform (a date-shift value that is not an ISO date, say). The message names the
 * data type and the strategy, never the value.
 */
public class AnonymizationException extends RuntimeException {

    public AnonymizationException(FieldRule rule, String problem) {
        super(rule.type().name() + " (" + rule.strategy().specName() + "): " + problem);
    }
}
