package io.ferry.spec.model;

/**
 * Where a connection's password comes from. The spec never holds a password, only where to find it,
 * so a spec can be committed, hashed and printed.
 */
public sealed interface PasswordSource {

    /** {@code passwordEnv: NAME}: the environment variable NAME. */
    record Env(String variable) implements PasswordSource {
    }

    /** {@code passwordFile: path}: the file's content without the trailing line break; relative to the spec's folder. */
    record File(String path) implements PasswordSource {
    }

    /** {@code password: "${key}"}: the environment, then the {@code estate.properties} beside the spec. */
    record Placeholder(String key) implements PasswordSource {
    }
}
