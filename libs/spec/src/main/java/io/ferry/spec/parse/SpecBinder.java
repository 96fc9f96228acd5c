package io.ferry.spec.parse;

import io.ferry.schema.mapping.DriftAction;
import io.ferry.schema.mapping.DriftRule;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Anonymize;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.ApprovalGate;
import io.ferry.spec.model.Cast;
import io.ferry.spec.model.Closure;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Connection;
import io.ferry.spec.model.CrossTenantPolicy;
import io.ferry.spec.model.DanglingPolicy;
import io.ferry.spec.model.Districts;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.GraphClosure;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Load;
import io.ferry.spec.model.PasswordSource;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.RefSyntax;
import io.ferry.spec.model.Schedule;
import io.ferry.spec.model.Severity;
import io.ferry.spec.model.Store;
import io.ferry.spec.model.TableMode;
import io.ferry.spec.model.TableRule;
import io.ferry.spec.model.Tenant;
import io.ferry.spec.model.TriggerMode;
import io.ferry.spec.model.ValidateRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds the YAML node tree to the spec records, checking shapes, types and enum values and collecting
 * every error. Only the spec's own syntax is checked here; {@code SpecChecker} checks it against schemas.
 */
final class SpecBinder {

    private static final String PASSWORD_HINT = "write passwordEnv: NAME, passwordFile: path or password: \"${key}\"";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern CRON = Pattern.compile("\\S+( \\S+){4}");

    /** What {@link #spec} found; fields are null where the spec had errors. */
    record Bound(Integer version, Map<String, Store> stores, Tenant tenant, List<Link> links, Closure closure,
            Anonymize anonymize, List<ValidateRule> validate, List<DriftRule> drift, Load load, List<ApprovalGate> approval,
            Schedule schedule, Districts districts) {
    }

    Bound spec(Cursor root) {
        Map<String, Cursor> keys = root.mapping(Shapes.SPEC);
        Integer version = null;
        if (keys.containsKey("version")) {
            Long v = keys.get("version").integer();
            if (v != null && v != 1) {
                keys.get("version").error("unsupported version " + v, "this Ferry reads version: 1");
            }
            version = v == null ? null : v.intValue();
        }
        Map<String, Store> stores = keys.containsKey("stores") ? stores(keys.get("stores")) : Map.of();
        Map<String, Cursor> validate = keys.containsKey("validate") ? keys.get("validate").mapping(Shapes.VALIDATE) : Map.of();
        return new Bound(version, stores,
                keys.containsKey("tenant") ? tenant(keys.get("tenant")) : null,
                optional(keys, "links", c -> each(c, this::link)),
                optional(keys, "closure", this::closure),
                optional(keys, "anonymize", this::anonymize),
                each(validate.get("rules"), this::validateRule),
                each(validate.get("drift"), this::driftRule),
                optional(keys, "load", this::load),
                optional(keys, "approval", c -> each(c, item -> item.choice(ApprovalGate.class, "approval gate"))),
                optional(keys, "schedule", this::schedule),
                optional(keys, "districts", this::districts));
    }

    private <T> T optional(Map<String, Cursor> keys, String key, Function<Cursor, T> bind) {
        return keys.containsKey(key) ? bind.apply(keys.get(key)) : null;
    }

    private <T> List<T> each(Cursor list, Function<Cursor, T> bind) {
        if (list == null) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (Cursor item : list.list(false)) {
            T value = bind.apply(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Map<String, Store> stores(Cursor cursor) {
        Map<String, Store> stores = new LinkedHashMap<>();
        Map<String, Cursor> entries = cursor.entries("a mapping of store names to stores");
        if (entries == null) {
            return stores;
        }
        if (entries.isEmpty()) {
            cursor.error("no stores", "name at least one store, e.g. ids: {kind: postgres, ...}");
        }
        entries.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                value.keyError("'" + name + "' is not a store name", "use letters, digits, '_' and '-'");
            }
            Store store = store(name, value);
            if (store != null) {
                stores.put(name, store);
            }
        });
        return stores;
    }

    private Store store(String name, Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.STORE);
        StoreKind kind = keys.containsKey("kind") ? kind(keys.get("kind")) : null;
        List<String> schemas = keys.containsKey("schemas") ? strings(keys.get("schemas")) : null;
        if (kind == StoreKind.NEO4J && schemas != null) {
            keys.get("schemas").keyError("a neo4j store has no schemas", "remove schemas");
        }
        if (schemas == null) {
            schemas = kind == StoreKind.POSTGRES ? List.of("public") : List.of();
        }
        Connection prod = keys.containsKey("prod") ? connection(keys.get("prod")) : null;
        Connection cert = keys.containsKey("cert") ? connection(keys.get("cert")) : null;
        return kind == null || prod == null || cert == null ? null : new Store(name, kind, schemas, prod, cert);
    }

    private StoreKind kind(Cursor cursor) {
        String word = cursor.string();
        if (word == null) {
            return null;
        }
        return switch (word) {
            case "postgres" -> StoreKind.POSTGRES;
            case "neo4j" -> StoreKind.NEO4J;
            default -> {
                cursor.error("unknown store kind '" + word + "'", "choose one of postgres, neo4j");
                yield null;
            }
        };
    }

    private Connection connection(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.CONNECTION);
        String url = keys.containsKey("url") ? template(keys.get("url")) : null;
        String user = keys.containsKey("user") ? template(keys.get("user")) : null;
        List<String> given = Shapes.CONNECTION.keys().stream().filter(k -> k.startsWith("password"))
                .filter(keys::containsKey).toList();
        PasswordSource password = null;
        if (given.size() > 1) {
            keys.get(given.get(1)).keyError("more than one password source (" + String.join(", ", given) + ")",
                    "keep one");
        } else if (given.size() == 1) {
            password = password(given.get(0), keys.get(given.get(0)));
        }
        return url == null ? null : new Connection(url, user, password);
    }

    private PasswordSource password(String key, Cursor cursor) {
        String value = cursor.secretString();
        if (value == null) {
            return null;
        }
        switch (key) {
            case "passwordEnv" -> {
                if (ENV_NAME.matcher(value).matches()) {
                    return new PasswordSource.Env(value);
                }
                cursor.error("passwordEnv is not an environment variable name", "e.g. passwordEnv: FERRY_PROD_IDS_PASSWORD");
            }
            case "passwordFile" -> {
                if (!value.isBlank()) {
                    return new PasswordSource.File(value);
                }
                cursor.error("passwordFile is empty", "give a path relative to the spec's folder");
            }
            default -> {
                if (Placeholders.isSingle(value)) {
                    return new PasswordSource.Placeholder(Placeholders.keys(value).get(0));
                }
                cursor.error("a password is never written in the spec", PASSWORD_HINT);
            }
        }
        return null;
    }

    private String template(Cursor cursor) {
        String value = cursor.string();
        if (value != null) {
            Placeholders.syntaxProblem(value).ifPresent(problem -> cursor.error(problem, "write ${key}"));
        }
        return value;
    }

    private Tenant tenant(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.TENANT);
        String store = keys.containsKey("store") ? keys.get("store").string() : null;
        List<String> schemaAndTable = null;
        if (keys.containsKey("table")) {
            String table = keys.get("table").string();
            if (table != null) {
                try {
                    schemaAndTable = TableId.splitQualified(table);
                } catch (IllegalArgumentException e) {
                    keys.get("table").error(e.getMessage(), null);
                }
                if (schemaAndTable != null && schemaAndTable.size() != 2) {
                    keys.get("table").error("'" + table + "' is not schema.table", "e.g. table: public.district");
                    schemaAndTable = null;
                }
            }
        }
        List<String> key = keys.containsKey("key") ? strings(keys.get("key")) : null;
        if (key != null && key.isEmpty()) {
            keys.get("key").error("the tenant key names no column", "e.g. key: [code]");
        }
        return store == null || schemaAndTable == null || key == null || key.isEmpty() ? null
                : new Tenant(new TableId(store, schemaAndTable.get(0), schemaAndTable.get(1)), key);
    }

    private Link link(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.LINK);
        Ref from = keys.containsKey("from") ? ref(keys.get("from")) : null;
        Ref to = keys.containsKey("to") ? ref(keys.get("to")) : null;
        if (to != null && to.jsonPath() != null) {
            keys.get("to").error("a link points at columns, not into a JSON value",
                    "put the JSON path on the from side");
            to = null;
        }
        if (from != null && to != null && from.columns().size() != to.columns().size()) {
            keys.get("to").error("from names " + from.columns().size() + " column(s), to names " + to.columns().size(),
                    "list the columns in matching order");
            to = null;
        }
        Cast cast = keys.containsKey("cast") ? keys.get("cast").choice(Cast.class, "cast") : null;
        DanglingPolicy dangling = keys.containsKey("dangling")
                ? keys.get("dangling").choice(DanglingPolicy.class, "dangling policy") : null;
        return from == null || to == null ? null : new Link(from, to, cast, dangling);
    }

    private Ref ref(Cursor cursor) {
        String text = cursor.string();
        if (text == null) {
            return null;
        }
        try {
            return RefSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            cursor.error(e.getMessage(), null);
            return null;
        }
    }

    private Ref tableRef(Cursor cursor, String text) {
        try {
            return RefSyntax.parseTable(text);
        } catch (IllegalArgumentException e) {
            cursor.keyError(e.getMessage(), null);
            return null;
        }
    }

    private Closure closure(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.CLOSURE);
        Map<Ref, EdgePolicy> edges = new LinkedHashMap<>();
        if (keys.containsKey("edges")) {
            Map<String, Cursor> entries = keys.get("edges").entries("a mapping of references to policies");
            if (entries != null) {
                entries.forEach((text, value) -> {
                    Ref ref = null;
                    try {
                        ref = RefSyntax.parse(text);
                    } catch (IllegalArgumentException e) {
                        value.keyError(e.getMessage(), null);
                    }
                    EdgePolicy policy = value.choice(EdgePolicy.class, "policy");
                    if (ref != null) {
                        value.alias(KeyPaths.child("closure.edges", ref.toString()));
                    }
                    if (ref != null && policy != null) {
                        edges.put(ref, policy);
                    }
                });
            }
        }
        Map<Ref, TableRule> tables = new LinkedHashMap<>();
        if (keys.containsKey("tables")) {
            Map<String, Cursor> entries = keys.get("tables").entries("a mapping of tables to rules");
            if (entries != null) {
                entries.forEach((text, value) -> {
                    Ref ref = tableRef(value, text);
                    TableRule rule = tableRule(value);
                    if (ref != null) {
                        value.alias(KeyPaths.child("closure.tables", ref.toString()));
                    }
                    if (ref != null && rule != null) {
                        tables.put(ref, rule);
                    }
                });
            }
        }
        CrossTenantPolicy crossTenant = keys.containsKey("crossTenant")
                ? keys.get("crossTenant").choice(CrossTenantPolicy.class, "crossTenant policy") : CrossTenantPolicy.FAIL;
        DanglingPolicy dangling = keys.containsKey("dangling")
                ? keys.get("dangling").choice(DanglingPolicy.class, "dangling policy") : DanglingPolicy.FAIL;
        GraphClosure graph = keys.containsKey("graph") ? graph(keys.get("graph")) : null;
        return new Closure(edges, tables, crossTenant, dangling, graph);
    }

    private TableRule tableRule(Cursor cursor) {
        if (!cursor.isMapping()) {
            TableMode mode = cursor.choice(TableMode.class, "table mode");
            return mode == null ? null : new TableRule(mode, null, null, List.of());
        }
        Map<String, Cursor> keys = cursor.mapping(Shapes.TABLE_RULE);
        TableMode mode = keys.containsKey("mode") ? keys.get("mode").choice(TableMode.class, "table mode") : null;
        String filter = keys.containsKey("filter") ? keys.get("filter").string() : null;
        Long limit = keys.containsKey("limit") ? keys.get("limit").integer() : null;
        if (limit != null && limit < 1) {
            keys.get("limit").error("a row limit is at least 1", null);
        }
        List<Ref> owner = keys.containsKey("owner") ? each(keys.get("owner"), this::ref) : List.of();
        if (mode != null && mode != TableMode.COPY_ALL && (filter != null || limit != null || !owner.isEmpty())) {
            cursor.error("a table that is " + mode.word() + " takes no filter, limit or owner", null);
        }
        return new TableRule(mode, filter, limit, owner);
    }

    private GraphClosure graph(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.GRAPH);
        List<Ref> roots = keys.containsKey("roots") ? eachOrOne(keys.get("roots"), this::ref) : List.of();
        if (roots.stream().anyMatch(r -> !r.table().schema().equals(TableId.LABELS))) {
            keys.get("roots").error("graph roots are labelled properties, e.g. sp:District(districtId)", null);
        }
        List<String> follow = keys.containsKey("follow") ? strings(keys.get("follow")) : List.of();
        return new GraphClosure(roots, follow);
    }

    private <T> List<T> eachOrOne(Cursor cursor, Function<Cursor, T> bind) {
        List<T> values = new ArrayList<>();
        for (Cursor item : cursor.list(true)) {
            T value = bind.apply(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Anonymize anonymize(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.ANONYMIZE);
        Anonymize.AnonymizeKey key = null;
        if (keys.containsKey("key")) {
            Map<String, Cursor> k = keys.get("key").mapping(Shapes.ANONYMIZE_KEY);
            String file = k.containsKey("file") ? k.get("file").string() : null;
            Long version = k.containsKey("version") ? k.get("version").integer() : null;
            if (version != null && version < 1) {
                k.get("version").error("a key version is at least 1", null);
            }
            key = file == null || version == null ? null : new Anonymize.AnonymizeKey(file, version.intValue());
        }
        return new Anonymize(key, each(keys.get("rules"), this::anonymizeRule));
    }

    private AnonymizeRule anonymizeRule(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.ANONYMIZE_RULE);
        Function<String, String> text = k -> keys.containsKey(k) ? keys.get(k).string() : null;
        String column = text.apply("column");
        String property = text.apply("property");
        if ((column == null) == (property == null)) {
            cursor.error("a rule names either a column or a graph property", "e.g. column: ids.public.person.email "
                    + "or property: \"sp:Person.email\"");
        }
        String type = text.apply("type");
        AnonymizeRule rule = new AnonymizeRule(column, property, text.apply("path"), type, text.apply("strategy"),
                text.apply("entity"));
        return type == null ? null : rule;
    }

    private ValidateRule validateRule(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.VALIDATE_RULE);
        TableId table = keys.containsKey("table") ? tableId(keys.get("table")) : null;
        String check = keys.containsKey("check") ? keys.get("check").string() : null;
        Severity severity = keys.containsKey("severity")
                ? keys.get("severity").choice(Severity.class, "severity") : Severity.ERROR;
        String message = keys.containsKey("message") ? keys.get("message").string() : null;
        return table == null || check == null || severity == null ? null
                : new ValidateRule(table, check, severity, message);
    }

    private DriftRule driftRule(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.DRIFT_RULE);
        List<String> parts = null;
        if (keys.containsKey("column")) {
            String text = keys.get("column").string();
            parts = text == null ? null : TableId.splitQualified(text);
            if (parts != null && parts.size() != 4) {
                keys.get("column").error("'" + text + "' is not store.schema.table.column",
                        "e.g. column: hcp1.public.course.legacy_code");
                parts = null;
            }
        }
        DriftAction action = keys.containsKey("action") ? driftAction(keys.get("action")) : null;
        String value = keys.containsKey("value") ? keys.get("value").string() : null;
        if (value != null && action != null && action != DriftAction.DEFAULT) {
            keys.get("value").keyError("only action: default takes a value", "remove value or write action: default");
            return null;
        }
        return parts == null || action == null ? null
                : new DriftRule(new TableId(parts.get(0), parts.get(1), parts.get(2)), parts.get(3), action, value);
    }

    private DriftAction driftAction(Cursor cursor) {
        String word = cursor.string();
        if (word == null) {
            return null;
        }
        List<String> words = Arrays.stream(DriftAction.values()).map(DriftAction::word).toList();
        for (DriftAction action : DriftAction.values()) {
            if (action.word().equals(word)) {
                return action;
            }
        }
        cursor.error("unknown drift action '" + word + "'", "choose one of " + String.join(", ", words)
                + Hints.closest(word, words).map(w -> " (did you mean '" + w + "'?)").orElse(""));
        return null;
    }

    private TableId tableId(Cursor cursor) {
        String text = cursor.string();
        if (text == null) {
            return null;
        }
        try {
            return TableId.parse(text);
        } catch (IllegalArgumentException e) {
            cursor.error(e.getMessage(), null);
            return null;
        }
    }

    private Load load(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.LOAD);
        ConflictStrategy conflict = keys.containsKey("conflict")
                ? keys.get("conflict").choice(ConflictStrategy.class, "conflict strategy") : ConflictStrategy.INSERT;
        Map<TableId, ConflictStrategy> tables = new LinkedHashMap<>();
        if (keys.containsKey("keys")) {
            Map<String, Cursor> entries = keys.get("keys").entries("a mapping of tables to conflict strategies");
            if (entries != null) {
                entries.forEach((text, value) -> {
                    TableId table = null;
                    try {
                        table = TableId.parse(text);
                    } catch (IllegalArgumentException e) {
                        value.keyError(e.getMessage(), null);
                    }
                    ConflictStrategy strategy = value.choice(ConflictStrategy.class, "conflict strategy");
                    if (table != null) {
                        value.alias(KeyPaths.child("load.keys", table.toString()));
                    }
                    if (table != null && strategy != null) {
                        tables.put(table, strategy);
                    }
                });
            }
        }
        TriggerMode triggers = TriggerMode.SUPPRESS;
        Map<TableId, TriggerMode> tableTriggers = new LinkedHashMap<>();
        Cursor given = keys.get("triggers");
        if (given != null && given.isMapping()) {
            triggers = tableTriggers(given, tableTriggers);
        } else if (given != null) {
            TriggerMode mode = given.choice(TriggerMode.class, "trigger mode");
            triggers = mode == null ? TriggerMode.SUPPRESS : mode;
        }
        return new Load(conflict == null ? ConflictStrategy.INSERT : conflict, tables, triggers, tableTriggers);
    }

    /**
     * {@code triggers: {default: suppress, ids.public.school: fire}}: a mode per table, {@code default} for the
     * others (suppress when absent).
     *
     * @return the default mode
     */
    private TriggerMode tableTriggers(Cursor cursor, Map<TableId, TriggerMode> tables) {
        TriggerMode fallback = TriggerMode.SUPPRESS;
        Map<String, Cursor> entries = cursor.entries("suppress, fire, or a mapping of tables (and default) to them");
        if (entries == null) {
            return fallback;
        }
        for (Map.Entry<String, Cursor> e : entries.entrySet()) {
            TriggerMode mode = e.getValue().choice(TriggerMode.class, "trigger mode");
            if (e.getKey().equals("default")) {
                fallback = mode == null ? fallback : mode;
                continue;
            }
            TableId table = null;
            try {
                table = TableId.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                e.getValue().keyError(ex.getMessage(), "name a table as store.schema.table, or use default");
            }
            if (table != null) {
                e.getValue().alias(KeyPaths.child("load.triggers", table.toString()));
                if (mode != null) {
                    tables.put(table, mode);
                }
            }
        }
        return fallback;
    }

    private Schedule schedule(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.SCHEDULE);
        String cron = keys.containsKey("cron") ? keys.get("cron").string() : null;
        if (cron != null && !CRON.matcher(cron.strip()).matches()) {
            keys.get("cron").error("a cron expression has five fields (minute hour day month weekday)",
                    "e.g. \"0 2 1 * *\"");
        }
        List<String> districts = keys.containsKey("districts") ? strings(keys.get("districts")) : List.of();
        return cron == null ? null : new Schedule(cron, districts);
    }

    private Districts districts(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.DISTRICTS);
        Map<String, Districts.Count> counts = new LinkedHashMap<>();
        if (keys.containsKey("counts")) {
            keys.get("counts").mapping(Shapes.DISTRICT_COUNTS).forEach((name, value) -> {
                Districts.Count count = districtCount(value);
                if (count != null) {
                    counts.put(name, count);
                }
            });
        }
        List<String> priority = keys.containsKey("priority") ? strings(keys.get("priority")) : List.of();
        Long rowsPerSecond = keys.containsKey("rowsPerSecond") ? keys.get("rowsPerSecond").integer() : null;
        if (rowsPerSecond != null && rowsPerSecond < 1) {
            keys.get("rowsPerSecond").error("a copy rate is at least 1 row per second", "e.g. rowsPerSecond: 20000");
            rowsPerSecond = null;
        }
        return new Districts(counts, priority, rowsPerSecond);
    }

    private Districts.Count districtCount(Cursor cursor) {
        Map<String, Cursor> keys = cursor.mapping(Shapes.DISTRICT_COUNT);
        TableId table = keys.containsKey("table") ? tableId(keys.get("table")) : null;
        String where = keys.containsKey("where") ? keys.get("where").string() : null;
        return table == null ? null : new Districts.Count(table, where);
    }

    private List<String> strings(Cursor cursor) {
        List<String> values = new ArrayList<>();
        for (Cursor item : cursor.list(false)) {
            String value = item.string();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
