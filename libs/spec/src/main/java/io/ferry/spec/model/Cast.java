package io.ferry.spec.model;

/** The type both sides of a link are compared as, when their stored types differ (a graph's string id against an integer column). */
public enum Cast implements SpecEnum {
    /** Compare the text forms (PostgreSQL's ::text output, a graph property's string). */
    TEXT("text"),
    /** Compare as 64-bit integers (text that is not an integer never matches). */
    INTEGER("integer"),
    /** Compare as UUIDs (case-insensitive text). */
    UUID("uuid");

    private final String word;

    Cast(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }
}
