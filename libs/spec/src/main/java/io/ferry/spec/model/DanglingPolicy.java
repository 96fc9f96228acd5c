package io.ferry.spec.model;

/** What happens to a cross-store reference whose target row does not exist. */
public enum DanglingPolicy implements SpecEnum {
    /** Leave the referencing row out. */
    DROP("drop"),
    /** Copy the referencing row with NULL in the referencing columns. */
    NULL("null"),
    /** Fail the run. */
    FAIL("fail");

    private final String word;

    DanglingPolicy(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
