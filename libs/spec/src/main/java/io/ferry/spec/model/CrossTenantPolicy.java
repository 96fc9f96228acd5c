package io.ferry.spec.model;

/** What happens to a row pulled upward that another district owns. */
public enum CrossTenantPolicy implements SpecEnum {
    /** Copy it (reported with the chain of references that pulled it in). */
    COPY("copy"),
    /** Do not copy it; the references to it hold NULL in the copy. */
    NULLIFY("nullify"),
    /** Fail the run. */
    FAIL("fail");

    private final String word;

    CrossTenantPolicy(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
