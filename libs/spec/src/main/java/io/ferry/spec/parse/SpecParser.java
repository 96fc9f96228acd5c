package io.ferry.spec.parse;

import io.ferry.spec.SpecError;
import io.ferry.spec.SpecException;
import io.ferry.spec.SpecSource;
import io.ferry.spec.model.Anonymize;
import io.ferry.spec.model.Closure;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Connection;
import io.ferry.spec.model.CrossTenantPolicy;
import io.ferry.spec.model.DanglingPolicy;
import io.ferry.spec.model.Districts;
import io.ferry.spec.model.Load;
import io.ferry.spec.model.PasswordSource;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.TriggerMode;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code ferry.yaml} strictly: unknown keys, wrong types, missing keys, bad enum values,
 * duplicate keys, literal passwords and unresolvable {@code ${key}}s are errors with file, line and
 * column, all reported together in one {@link SpecException}.
 */
public final class SpecParser {

    /** The environments whose connections must resolve: both, or only the one a service talks to. */
    public enum Environment {
        PROD, CERT
    }

    private final Resolver resolver;
    private final Set<Environment> environments;

    /**
     * @param resolver     resolves {@code ${key}}s (checked here, so an unresolvable one is a parse error)
     * @param environments whose connections to check; a service holding only CERT credentials checks CERT
     */
    public SpecParser(Resolver resolver, Set<Environment> environments) {
        this.resolver = resolver;
        this.environments = Set.copyOf(environments);
    }

    /** Parses the file, resolving from the process environment and the {@code estate.properties} beside it. */
    public static Spec parse(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return new SpecParser(Resolver.forFolder(folder), Set.of(Environment.values())).read(file);
    }

    public Spec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec " + file, e);
        }
        return read(file.getFileName().toString(), text, file.toAbsolutePath().getParent());
    }

    /**
     * @param file   the name errors show
     * @param folder where relative paths resolve from
     */
    public Spec read(String file, String text, Path folder) {
        Errors errors = new Errors(file);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SpecException(List.of(new SpecError(file, mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1, "", "not valid YAML: " + e.getProblem(), null)));
        } catch (YAMLException e) {
            throw new SpecException(List.of(new SpecError(file, 1, 1, "", "not valid YAML", null)));
        }
        if (root == null) {
            throw new SpecException(List.of(new SpecError(file, 1, 1, "", "the spec is empty",
                    "start with version: 1, stores, tenant (docs/spec.md)")));
        }
        SpecBinder.Bound bound = new SpecBinder().spec(new Cursor(root, "", errors));
        SpecSource source = new SpecSource(file, folder, errors.locations());
        checkResolvable(bound.stores(), source, errors);
        if (!errors.list().isEmpty() || bound.version() == null || bound.tenant() == null) {
            throw new SpecException(errors.list());
        }
        return new Spec(bound.version(), bound.stores(), bound.tenant(), orEmpty(bound.links()),
                bound.closure() != null ? bound.closure()
                        : new Closure(Map.of(), Map.of(), CrossTenantPolicy.FAIL, DanglingPolicy.FAIL, null),
                bound.anonymize() != null ? bound.anonymize() : new Anonymize(null, List.of()),
                orEmpty(bound.validate()), orEmpty(bound.drift()),
                bound.load() != null ? bound.load() : new Load(ConflictStrategy.INSERT, Map.of(), TriggerMode.SUPPRESS),
                orEmpty(bound.approval()), bound.schedule(),
                bound.districts() != null ? bound.districts() : Districts.NONE, source);
    }

    private void checkResolvable(Map<String, Store> stores, SpecSource source, Errors errors) {
        List<SpecError> found = new ArrayList<>();
        stores.forEach((name, store) -> {
            if (environments.contains(Environment.PROD)) {
                checkResolvable(store.prod(), "stores." + name + ".prod", source, found);
            }
            if (environments.contains(Environment.CERT)) {
                checkResolvable(store.cert(), "stores." + name + ".cert", source, found);
            }
        });
        found.forEach(e -> errors.add(e.line(), e.column(), e.keyPath(), e.message(), e.hint()));
    }

    private void checkResolvable(Connection connection, String path, SpecSource source, List<SpecError> found) {
        check(connection.url(), path + ".url", source, found);
        if (connection.user() != null) {
            check(connection.user(), path + ".user", source, found);
        }
        if (connection.password() instanceof PasswordSource.Placeholder placeholder) {
            check("${" + placeholder.key() + "}", path + ".password", source, found);
        }
    }

    private void check(String template, String path, SpecSource source, List<SpecError> found) {
        for (String key : Placeholders.keys(template)) {
            if (resolver.lookup(key).isEmpty()) {
                found.add(source.error(path, "'${" + key + "}' resolves neither from the environment nor from "
                        + EstateProperties.FILE_NAME, "set it in the environment or add " + key + "=... to the "
                        + EstateProperties.FILE_NAME + " beside the spec"));
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
