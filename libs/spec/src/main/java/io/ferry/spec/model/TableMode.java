package io.ferry.spec.model;

/** What the closure does with a whole table. */
public enum TableMode implements SpecEnum {
    /** Every row (within the row filter) is copied: shared lookup data. */
    COPY_ALL("copy-all"),
    /** No row is copied; references into it must find their row in CERT. */
    ASSUME_PRESENT("assume-present"),
    /** Nothing is copied and nothing is reached through the table. */
    EXCLUDE("exclude");

    private final String word;

    TableMode(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
