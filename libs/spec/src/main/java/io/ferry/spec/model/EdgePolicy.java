package io.ferry.spec.model;

/** How the closure treats one reference (a foreign key or a link), overriding the default rule. */
public enum EdgePolicy implements SpecEnum {
    /** Descend along the edge from every included row, even one reached only upward. */
    FOLLOW("follow"),
    /** Never traverse the edge; the referenced row must already be in CERT. */
    STOP("stop"),
    /** Do not pull the referenced row; the copy holds NULL in the referencing columns. */
    NULLIFY("nullify"),
    /** Pull referenced rows upward but never descend along the edge to children. */
    PARENTS_ONLY("parents-only");

    private final String word;

    EdgePolicy(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
