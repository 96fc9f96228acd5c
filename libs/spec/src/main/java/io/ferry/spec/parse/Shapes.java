package io.ferry.spec.parse;

import java.util.List;
import java.util.Set;

/** Every fixed-key mapping of the spec format: the parser's (and the JSON Schema's) single list of keys. */
public final class Shapes {

    public static final Shape SPEC = new Shape("spec", List.of("version", "stores", "tenant", "links", "closure",
            "anonymize", "validate", "load", "approval", "schedule", "districts"), Set.of("version", "stores", "tenant"));
    public static final Shape STORE = new Shape("store", List.of("kind", "schemas", "prod", "cert"),
            Set.of("kind", "prod", "cert"));
    public static final Shape CONNECTION = new Shape("connection",
            List.of("url", "user", "password", "passwordEnv", "passwordFile"), Set.of("url"));
    public static final Shape TENANT = new Shape("tenant", List.of("store", "table", "key"),
            Set.of("store", "table", "key"));
    public static final Shape LINK = new Shape("link", List.of("from", "to", "cast", "dangling"), Set.of("from", "to"));
    public static final Shape CLOSURE = new Shape("closure",
            List.of("edges", "tables", "crossTenant", "dangling", "graph"), Set.of());
    public static final Shape TABLE_RULE = new Shape("tableRule", List.of("mode", "filter", "limit", "owner"),
            Set.of());
    public static final Shape GRAPH = new Shape("graph", List.of("roots", "follow"), Set.of("roots", "follow"));
    public static final Shape ANONYMIZE = new Shape("anonymize", List.of("key", "rules"), Set.of());
    public static final Shape ANONYMIZE_KEY = new Shape("anonymizeKey", List.of("file", "version"),
            Set.of("file", "version"));
    public static final Shape ANONYMIZE_RULE = new Shape("anonymizeRule",
            List.of("column", "property", "path", "type", "strategy", "entity"), Set.of("type"));
    public static final Shape VALIDATE = new Shape("validate", List.of("rules", "drift"), Set.of());
    public static final Shape VALIDATE_RULE = new Shape("validateRule", List.of("table", "check", "severity", "message"),
            Set.of("table", "check"));
    public static final Shape DRIFT_RULE = new Shape("driftRule", List.of("column", "action", "value"),
            Set.of("column", "action"));
    public static final Shape LOAD = new Shape("load", List.of("conflict", "keys", "triggers"), Set.of());
    public static final Shape SCHEDULE = new Shape("schedule", List.of("cron", "districts"), Set.of("cron", "districts"));

    public static final Shape DISTRICTS = new Shape("districts", List.of("counts", "priority", "rowsPerSecond"),
            Set.of());
    public static final Shape DISTRICT_COUNTS = new Shape("districtCounts", List.of("students", "staff", "schools"),
            Set.of());
    public static final Shape DISTRICT_COUNT = new Shape("districtCount", List.of("table", "where"), Set.of("table"));

    public static final List<Shape> ALL = List.of(SPEC, STORE, CONNECTION, TENANT, LINK, CLOSURE, TABLE_RULE, GRAPH,
            ANONYMIZE, ANONYMIZE_KEY, ANONYMIZE_RULE, VALIDATE, VALIDATE_RULE, DRIFT_RULE, LOAD, SCHEDULE, DISTRICTS, DISTRICT_COUNTS, DISTRICT_COUNT);

    private Shapes() {
    }
}
