package io.ferry.spec.model;

/**
 * One store in one environment. {@code url} and {@code user} may contain {@code ${key}} placeholders;
 * they stay unresolved here (see {@code io.ferry.spec.parse.Resolver}) so that the spec and its hash
 * do not depend on where it runs.
 *
 * @param user     null when the store needs none (a Neo4j without authentication)
 * @param password null when the store needs none
 */
public record Connection(String url, String user, PasswordSource password) {
}
