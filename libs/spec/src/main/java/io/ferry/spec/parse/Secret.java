package io.ferry.spec.parse;

/** A resolved password. Its {@link #toString()} never shows the value; call {@link #reveal()} where it is used. */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    /** A password given outside the spec (an admin's, read from the environment by a command). */
    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
