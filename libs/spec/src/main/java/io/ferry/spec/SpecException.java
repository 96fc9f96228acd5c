package io.ferry.spec;

import java.util.List;

/** A spec that cannot be used; the message lists every error found, one per line. */
public class SpecException extends RuntimeException {

    private final List<SpecError> errors;

    public SpecException(List<SpecError> errors) {
        super(String.join("\n", errors.stream().map(SpecError::toString).toList()), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
