package io.ferry.schema.mapping;

/** What a spec drift rule tells the mapping to do with a column PROD and CERT disagree about. */
public enum DriftAction {
    /** A PROD column CERT lacks is left out of the load. */
    DROP("drop"),
    /** A CERT column PROD lacks gets the rule's value (an SQL literal), or CERT's default without one. */
    DEFAULT("default"),
    /** A PROD value goes into a column of another type through an SQL cast, evaluated by CERT. */
    CAST("cast"),
    /** A text value longer than CERT's column is cut to fit; every cut value is a warning. */
    TRUNCATE("truncate");

    private final String word;

    DriftAction(String word) {
        this.word = word;
    }

    /** The spec's word for the action. */
    public String word() {
        return word;
    }
}
