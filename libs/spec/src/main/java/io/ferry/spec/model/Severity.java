package io.ferry.spec.model;

/** How a failed validation rule counts. */
public enum Severity implements SpecEnum {
    /** The validation FAILS. */
    ERROR("error"),
    /** The validation PASSED_WITH_WARNINGS. */
    WARNING("warning");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
