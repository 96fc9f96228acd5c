package io.ferry.contracts;

/**
 * A value breaks the message contract: a required field is missing, an id is malformed, a count
 * is negative. The message names the field and the rule, never the offending value, so it is safe
 * to log and to put in a dead-letter reason header.
 */
public class ContractViolation extends IllegalArgumentException {

    public ContractViolation(String message) {
        super(message);
    }
}
