package io.ferry.spec.parse;

import io.ferry.spec.model.Connection;
import io.ferry.spec.model.PasswordSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what a spec leaves to the place it runs: {@code ${key}} from the environment, then from the
 * {@code estate.properties} beside the spec; password files relative to the spec's folder. Errors
 * name the key, variable or file, never a value.
 */
public final class Resolver {

    private final Map<String, String> environment;
    private final Map<String, String> properties;
    private final Path folder;

    public Resolver(Map<String, String> environment, Map<String, String> properties, Path folder) {
        this.environment = Map.copyOf(environment);
        this.properties = Map.copyOf(properties);
        this.folder = folder;
    }

    /** The process environment and the {@code estate.properties} in {@code folder}. */
    public static Resolver forFolder(Path folder) {
        return forFolder(folder, System.getenv());
    }

    public static Resolver forFolder(Path folder, Map<String, String> environment) {
        return new Resolver(environment, EstateProperties.readIfPresent(folder.resolve(EstateProperties.FILE_NAME)).asMap(), folder);
    }

    /** The environment's value, else the properties'. */
    public Optional<String> lookup(String key) {
        String value = environment.get(key);
        return Optional.ofNullable(value != null ? value : properties.get(key));
    }

    /** @throws IllegalArgumentException naming the missing key */
    public String resolve(String template) {
        return Placeholders.resolve(template, this::lookup);
    }

    /** @throws IllegalArgumentException naming the missing key, variable or file */
    public ResolvedConnection resolve(Connection connection) {
        return new ResolvedConnection(resolve(connection.url()),
                connection.user() == null ? null : resolve(connection.user()),
                connection.password() == null ? null : password(connection.password()));
    }

    private Secret password(PasswordSource source) {
        return switch (source) {
            case PasswordSource.Env env -> new Secret(Optional.ofNullable(environment.get(env.variable()))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "environment variable " + env.variable() + " (passwordEnv) is not set")));
            case PasswordSource.File file -> new Secret(readFile(file.path()));
            case PasswordSource.Placeholder placeholder -> new Secret(resolve("${" + placeholder.key() + "}"));
        };
    }

    private String readFile(String path) {
        Path file = folder.resolve(path);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read passwordFile " + path + " (relative to " + folder + ")");
        }
    }
}
