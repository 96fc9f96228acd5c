package io.ferry.spec.model;

/** A point where a run waits for a person's approval. */
public enum ApprovalGate implements SpecEnum {
    /** After preflight, before anything is read from PROD. */
    BEFORE_EXTRACT("beforeExtract"),
    /** After validation passed, before CERT is touched. */
    BEFORE_LOAD("beforeLoad");

    private final String word;

    ApprovalGate(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
