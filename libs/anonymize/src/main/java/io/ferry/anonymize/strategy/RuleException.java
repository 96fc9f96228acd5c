package io.ferry.anonymize.strategy;

/**
 * An anonymization rule that cannot be used as written. The message names the rule (its column or property and
 * type) and says what to write instead. It never holds a data value.
 */
public class RuleException extends IllegalArgumentException {

    public RuleException(String message) {
        super(message);
    }
}
