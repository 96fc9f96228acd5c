package io.ferry.spec.check;

import io.ferry.schema.mapping.DriftAction;
import io.ferry.schema.mapping.DriftRule;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.SpecError;
import io.ferry.spec.SpecSource;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.TableRule;
import io.ferry.spec.model.ValidateRule;
import io.ferry.spec.parse.Hints;
import io.ferry.spec.parse.KeyPaths;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a parsed spec against PROD's live schemas: every store, table, column, label, property and
 * reference it names must exist, the tenant key must be unique, link columns must match in number and
 * (unless cast) in type. Pure: the caller introspects. Row filters, count conditions and business rules are SQL and are
 * checked by the CLI with {@code EXPLAIN}.
 */
public final class SpecChecker {

    private final Spec spec;
    private final EstateSchema schema;
    private final SpecSource source;
    private final List<SpecError> errors = new ArrayList<>();

    private SpecChecker(Spec spec, EstateSchema schema) {
        this.spec = spec;
        this.schema = schema;
        this.source = spec.source();
    }

    /** Every error found, in spec order; empty when the spec fits the schema. */
    public static List<SpecError> check(Spec spec, EstateSchema prod) {
        SpecChecker checker = new SpecChecker(spec, prod);
        checker.stores();
        checker.tenant();
        checker.links();
        checker.edges();
        checker.tables();
        checker.graph();
        checker.anonymize();
        checker.validateAndLoad();
        checker.districtCounts();
        return checker.errors.stream()
                .sorted((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                        : Integer.compare(a.column(), b.column()))
                .toList();
    }

    private void error(String path, String message, String hint) {
        errors.add(source.error(path, message, hint));
    }

    private void stores() {
        for (Store store : spec.stores().values()) {
            String path = KeyPaths.child("stores", store.name());
            Optional<StoreSchema> found = schema.store(store.name());
            if (found.isEmpty()) {
                error(path, "store " + store.name() + " was not introspected", "is its prod connection right?");
            } else if (found.get().kind() != store.kind()) {
                error(path + ".kind", "store " + store.name() + " is " + found.get().kind().name().toLowerCase()
                        + ", not " + store.kind().name().toLowerCase(), null);
            }
        }
    }

    private void tenant() {
        Optional<Table> table = table(spec.tenant().table(), "tenant.table");
        if (table.isEmpty()) {
            return;
        }
        boolean columnsExist = columns(table.get(), spec.tenant().key(), "tenant.key");
        Set<String> key = Set.copyOf(spec.tenant().key());
        List<Key> keys = new ArrayList<>(table.get().uniqueKeys());
        table.get().primary().ifPresent(keys::add);
        if (columnsExist && keys.stream().noneMatch(k -> Set.copyOf(k.columns()).equals(key))) {
            error("tenant.key", "(" + String.join(", ", spec.tenant().key()) + ") is neither the primary key nor a "
                    + "unique key of " + table.get().id(), "a district must be addressed by a unique value");
        }
    }

    private void links() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.links().size(); i++) {
            Link link = spec.links().get(i);
            String path = KeyPaths.index("links", i);
            if (!seen.add(link.from() + "->" + link.to())) {
                error(path, "the same link is declared twice", "remove one");
            }
            Optional<Table> from = table(link.from().table(), path + ".from");
            Optional<Table> to = table(link.to().table(), path + ".to");
            boolean fromOk = from.isPresent() && columns(from.get(), link.from().columns(), path + ".from");
            boolean toOk = to.isPresent() && columns(to.get(), link.to().columns(), path + ".to");
            if (fromOk && link.from().jsonPath() != null) {
                String type = from.get().column(link.from().columns().get(0)).orElseThrow().type();
                if (!type.equals("jsonb") && !type.equals("json")) {
                    error(path + ".from", "a JSON path needs a json or jsonb column; " + link.from().columns().get(0)
                            + " is " + type, null);
                }
            }
            if (toOk && isTable(to.get()) && !isKey(to.get(), link.to().columns())) {
                error(path + ".to", link.to() + " is neither the primary key nor a unique key",
                        "a link points at the columns that identify one row");
            }
            if (fromOk && toOk && link.cast() == null && link.from().jsonPath() == null) {
                for (int c = 0; c < link.from().columns().size(); c++) {
                    Column a = from.get().column(link.from().columns().get(c)).orElseThrow();
                    Column b = to.get().column(link.to().columns().get(c)).orElseThrow();
                    TypeFamily fa = TypeFamily.of(a.type());
                    TypeFamily fb = TypeFamily.of(b.type());
                    if (fa != fb && fa != TypeFamily.OTHER && fb != TypeFamily.OTHER) {
                        error(path, a.name() + " is " + a.type() + " but " + b.name() + " is " + b.type(),
                                "add cast: text (or cast: integer) to compare them");
                    }
                }
            }
        }
    }

    private void edges() {
        spec.closure().edges().forEach((ref, policy) -> {
            String path = KeyPaths.child("closure.edges", ref.toString());
            references(ref, path);
            if (policy == EdgePolicy.NULLIFY) {
                schema.table(ref.table()).ifPresent(table -> ref.columns().stream()
                        .filter(c -> table.column(c).map(column -> !column.nullable()).orElse(false))
                        .findFirst()
                        .ifPresent(c -> error(path, c + " is NOT NULL, so the edge cannot be nullified",
                                "use stop or parents-only")));
            }
        });
    }

    /** The declared references and links whose referencing side is {@code ref}; an error if none. */
    private List<Reference> references(Ref ref, String path) {
        if (schema.table(ref.table()).isEmpty()) {
            table(ref.table(), path);
            return List.of();
        }
        List<Reference> found = new ArrayList<>();
        List<Reference> all = new ArrayList<>(schema.references());
        all.addAll(spec.specReferences(schema));
        for (Reference reference : all) {
            if (reference.from().equals(ref.table()) && reference.fromColumns().equals(ref.columns())
                    && Objects.equals(reference.jsonPath(), ref.jsonPath())) {
                found.add(reference);
            }
        }
        if (found.isEmpty()) {
            List<String> candidates = new ArrayList<>();
            schema.references().stream().filter(r -> r.from().equals(ref.table()))
                    .forEach(r -> candidates.add(new Ref(r.from(), r.fromColumns(), r.jsonPath()).toString()));
            spec.links().stream().filter(l -> l.from().table().equals(ref.table()))
                    .forEach(l -> candidates.add(l.from().toString()));
            error(path, "no foreign key or link of " + ref.tableText() + " has the referencing columns "
                    + String.join(", ", ref.columns()), candidates.isEmpty() ? "declare it under links"
                    : "its references: " + String.join(", ", candidates));
        }
        return found;
    }

    private void tables() {
        for (Map.Entry<Ref, TableRule> entry : spec.closure().tables().entrySet()) {
            String path = KeyPaths.child("closure.tables", entry.getKey().toString());
            if (table(entry.getKey().table(), path).isEmpty()) {
                continue;
            }
            owner(entry.getKey().table(), entry.getValue().owner(), path + ".owner");
        }
    }

    private void owner(TableId table, List<Ref> owner, String path) {
        TableId at = table;
        for (int i = 0; i < owner.size(); i++) {
            Ref step = owner.get(i);
            String stepPath = KeyPaths.index(path, i);
            if (!step.table().equals(at)) {
                error(stepPath, "the ownership path continues from " + at + ", not " + step.tableText(),
                        "each step starts at the table the previous one points at");
                return;
            }
            List<Reference> references = references(step, stepPath);
            if (references.isEmpty()) {
                return;
            }
            at = references.get(0).to();
        }
        if (!owner.isEmpty() && !at.equals(spec.tenant().table())) {
            error(path, "the ownership path ends at " + at + ", not at the tenant table " + spec.tenant().table(),
                    null);
        }
    }

    private void graph() {
        if (spec.closure().graph() == null) {
            return;
        }
        Set<String> graphStores = new HashSet<>();
        List<Ref> roots = spec.closure().graph().roots();
        for (int i = 0; i < roots.size(); i++) {
            String path = roots.size() == 1 ? "closure.graph.roots" : KeyPaths.index("closure.graph.roots", i);
            Ref root = roots.get(i);
            table(root.table(), path).ifPresent(t -> columns(t, root.columns(), path));
            graphStores.add(roots.get(i).table().store());
        }
        List<String> follow = spec.closure().graph().follow();
        for (int i = 0; i < follow.size(); i++) {
            String type = follow.get(i);
            boolean exists = graphStores.stream()
                    .anyMatch(s -> schema.table(new TableId(s, TableId.RELATIONSHIPS, type)).isPresent());
            if (!exists) {
                List<String> types = schema.tables().stream()
                        .filter(t -> t.kind() == TableKind.RELATIONSHIP && graphStores.contains(t.id().store()))
                        .map(t -> t.id().name()).toList();
                error(KeyPaths.index("closure.graph.follow", i), "no relationship type " + type + " in "
                        + String.join(", ", graphStores), Hints.closest(type, types).map(t -> "did you mean " + t + "?")
                        .orElse(null));
            }
        }
    }

    private void anonymize() {
        List<AnonymizeRule> rules = spec.anonymize().rules();
        for (int i = 0; i < rules.size(); i++) {
            AnonymizeRule rule = rules.get(i);
            String path = KeyPaths.index("anonymize.rules", i);
            if (rule.column() != null) {
                columnName(rule.column(), path + ".column");
            }
            if (rule.entity() != null) {
                columnName(rule.entity(), path + ".entity");
            }
            if (rule.property() != null) {
                property(rule.property(), path + ".property");
            }
        }
    }

    private void columnName(String text, String path) {
        List<String> parts = qualifiedParts(text);
        if (parts.size() != 4) {
            error(path, "'" + text + "' is not store.schema.table.column", null);
            return;
        }
        table(new TableId(parts.get(0), parts.get(1), parts.get(2)), path)
                .ifPresent(t -> columns(t, List.of(parts.get(3)), path));
    }

    private static List<String> qualifiedParts(String text) {
        try {
            return TableId.splitQualified(text);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private void property(String text, String path) {
        int colon = text.indexOf(':');
        int dot = text.lastIndexOf('.');
        if (colon < 1 || dot < colon) {
            error(path, "'" + text + "' is not store:Label.property", null);
            return;
        }
        table(new TableId(text.substring(0, colon), TableId.LABELS, text.substring(colon + 1, dot)), path)
                .ifPresent(t -> columns(t, List.of(text.substring(dot + 1)), path));
    }

    private void validateAndLoad() {
        List<ValidateRule> rules = spec.validate();
        for (int i = 0; i < rules.size(); i++) {
            table(rules.get(i).table(), KeyPaths.index("validate.rules", i) + ".table");
        }
        List<DriftRule> drift = spec.drift();
        for (int i = 0; i < drift.size(); i++) {
            DriftRule rule = drift.get(i);
            String path = KeyPaths.index("validate.drift", i) + ".column";
            // A default rule names a column only CERT has; the others name a PROD column.
            table(rule.table(), path).filter(t -> rule.action() != DriftAction.DEFAULT)
                    .ifPresent(t -> columns(t, List.of(rule.column()), path));
        }
        spec.load().keys().keySet().forEach(t -> table(t, KeyPaths.child("load.keys", t.toString())));
    }

    private void districtCounts() {
        spec.districts().counts().forEach((name, count) ->
                table(count.table(), KeyPaths.child("districts.counts", name) + ".table"));
    }

    /** The table, or an error naming the closest existing one. */
    private Optional<Table> table(TableId id, String path) {
        Optional<StoreSchema> store = schema.store(id.store());
        if (store.isEmpty()) {
            if (!spec.stores().containsKey(id.store())) {
                error(path, "no store " + id.store() + " in the spec", Hints.closest(id.store(),
                        spec.stores().keySet()).map(s -> "did you mean " + s + "?").orElse("add it under stores"));
            }
            return Optional.empty();
        }
        Optional<Table> table = store.get().table(id);
        if (table.isEmpty()) {
            String what = id.schema().equals(TableId.LABELS) ? "label" : id.schema().equals(TableId.RELATIONSHIPS)
                    ? "relationship type" : "table";
            List<String> names = store.get().tables().stream().filter(t -> t.id().schema().equals(id.schema()))
                    .map(t -> t.id().name()).toList();
            error(path, "no " + what + " " + id + " in store " + id.store()
                    + (store.get().kind() == StoreKind.POSTGRES && !schemas(id.store()).contains(id.schema())
                    ? " (schema " + id.schema() + " is not among the store's schemas)" : ""),
                    Hints.closest(id.name(), names).map(n -> "did you mean " + n + "?").orElse(null));
        }
        return table;
    }

    private List<String> schemas(String store) {
        return spec.store(store).map(Store::schemas).orElse(List.of());
    }

    /** True if every column exists; an error per missing one otherwise. */
    private boolean columns(Table table, List<String> columns, String path) {
        boolean all = true;
        for (String column : columns) {
            if (table.column(column).isEmpty()) {
                all = false;
                List<String> names = table.columns().stream().map(Column::name).toList();
                error(path, "no " + (isTable(table) ? "column " : "property ") + column + " in " + table.id(),
                        Hints.closest(column, names).map(n -> "did you mean " + TableId.quote(n) + "?").orElse(null));
            }
        }
        return all;
    }

    private static boolean isTable(Table table) {
        return table.kind() == TableKind.TABLE || table.kind() == TableKind.PARTITIONED;
    }

    private static boolean isKey(Table table, List<String> columns) {
        Set<String> wanted = Set.copyOf(columns);
        return table.primary().map(k -> Set.copyOf(k.columns()).equals(wanted)).orElse(false)
                || table.uniqueKeys().stream().anyMatch(k -> Set.copyOf(k.columns()).equals(wanted));
    }
}
