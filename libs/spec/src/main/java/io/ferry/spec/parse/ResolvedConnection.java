package io.ferry.spec.parse;

/**
 * A connection with its placeholders replaced, ready to open.
 *
 * @param user     null when the spec names none
 * @param password null when the spec names none
 */
public record ResolvedConnection(String url, String user, Secret password) {
}
