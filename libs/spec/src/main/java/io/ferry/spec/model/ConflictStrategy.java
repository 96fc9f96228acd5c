package io.ferry.spec.model;

/** How the loader treats a row whose key CERT already holds. */
public enum ConflictStrategy implements SpecEnum {
    /** A conflict is an error. */
    INSERT("insert"),
    /** Overwrite, keeping the before-image in the ledger. */
    UPSERT("upsert"),
    /** Keep CERT's row (natural keys only) and point references at it. */
    SKIP("skip"),
    /** Give the row a fresh key from CERT's sequence and rewrite every reference. */
    REMAP("remap");

    private final String word;

    ConflictStrategy(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
