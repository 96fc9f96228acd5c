package io.ferry.anonymizer.rules;

/** A spec rule that cannot be applied to a batch. The message names the rule and the fix, never a value. */
public final class RuleBindingException extends RuntimeException {

    public RuleBindingException(String message) {
        super(message);
    }
}
