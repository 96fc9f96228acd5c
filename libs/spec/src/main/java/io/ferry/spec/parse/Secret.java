package io.ferry.spec.parse;

/** A resolved password. Its {@link #toString()} never shows the value; call {@link #reveal()} where it is used. */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
