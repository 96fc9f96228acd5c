package io.ferry.spec;

/**
 * One problem in a spec, where it is and what to do about it. Never holds a secret's value.
 *
 * @param keyPath the key as the spec nests it, e.g. {@code closure.edges."hcp2.public.submission(grader_id)"}
 * @param hint    what to write instead; null when there is nothing useful to add
 */
public record SpecError(String file, int line, int column, String keyPath, String message, String hint) {

    /** {@code ferry.yaml:12:5: closure.tables: message; hint}, one line. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message
                + (hint == null ? "" : "; " + hint);
    }
}
