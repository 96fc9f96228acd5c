package io.ferry.validator.check;

import io.ferry.contracts.messages.Severity;
import io.ferry.schema.mapping.ColumnMapping;
import io.ferry.schema.mapping.TableMapping;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The checks that need nothing but the run's own batches, as SQL over them in DuckDB: NOT NULL and length
 * against CERT's columns, primary and unique keys inside the closure, and every reference inside the
 * closure, per store and across stores (JSON-path links and graph properties included). A reference to a
 * table the spec assumes present in CERT is not resolved here: its unresolved keys are handed on to be
 * looked up in CERT.
 */
public final class ClosureChecks {

    private final DuckSession duck;
    private final Map<TableId, StagedTable> staged;
    private final Function<TableId, Optional<Table>> cert;
    private final Findings findings;
    private final int examples;
    private long referenceChecks;

    /**
     * @param cert     CERT's table of a staged table, if CERT has it
     * @param examples the most example keys per finding
     */
    public ClosureChecks(DuckSession duck, Map<TableId, StagedTable> staged, Function<TableId, Optional<Table>> cert,
            Findings findings, int examples) {
        this.duck = duck;
        this.staged = staged;
        this.cert = cert;
        this.findings = findings;
        this.examples = examples;
    }

    /** Rows times references checked so far: the integrity step's work, for the benchmark. */
    public long referenceChecks() {
        return referenceChecks;
    }

    /** NOT NULL and length of every column the mapping fills from the batches. */
    public void columns(StagedTable table, TableMapping mapping) throws SQLException {
        Table target = cert.apply(table.id()).orElseThrow();
        String view = duck.view(table.id()).orElseThrow();
        List<String> conditions = new ArrayList<>();
        List<Runnable> onFound = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        for (ColumnMapping c : mapping.columns()) {
            if (c.source() == null) {
                continue;
            }
            String column = "r." + DuckSession.quote(c.source());
            boolean notNull = target.column(c.target()).map(col -> !col.nullable()).orElse(false);
            if (notNull) {
                add(conditions, counts, onFound, column + " IS NULL", n -> found(table, target, "not-null",
                        Severity.ERROR, c.target(), column + " IS NULL", n));
            }
            if (c.limit() > 0) {
                String longer = "length(CAST(" + column + " AS VARCHAR)) > " + c.limit();
                boolean cut = c.fill() == ColumnMapping.Fill.TRUNCATE;
                add(conditions, counts, onFound, longer, n -> found(table, target, cut ? "truncated" : "length",
                        cut ? Severity.WARNING : Severity.ERROR, c.target(), longer, n));
            }
        }
        if (conditions.isEmpty()) {
            return;
        }
        String sql = conditions.stream().map(c -> "count(*) FILTER (WHERE " + c + ")")
                .collect(Collectors.joining(", ", "SELECT ", " FROM " + view + " r"));
        try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            for (int i = 0; i < conditions.size(); i++) {
                counts.get(i)[0] = rs.getLong(i + 1);
            }
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (counts.get(i)[0] > 0) {
                onFound.get(i).run();
            }
        }
    }

    private interface CountedFinding {
        void report(long count) throws SQLException;
    }

    private static void add(List<String> conditions, List<long[]> counts, List<Runnable> onFound, String condition,
            CountedFinding finding) {
        long[] count = new long[1];
        conditions.add(condition);
        counts.add(count);
        onFound.add(() -> {
            try {
                finding.report(count[0]);
            } catch (SQLException e) {
                throw new CheckFailedException("examples of a column check", e);
            }
        });
    }

    private void found(StagedTable table, Table target, String check, Severity severity, String column,
            String condition, long count) throws SQLException {
        String ex = SqlKeys.exampleExpression(SqlKeys.exampleColumns(table, target), "r");
        findings.add(check, severity, table.id(), column, count, strings("SELECT " + ex + " FROM "
                + duck.view(table.id()).orElseThrow() + " r WHERE " + condition + " ORDER BY 1 LIMIT " + examples));
    }

    /** Primary and unique keys of CERT's table hold among the run's rows. */
    public void keys(StagedTable table, TableMapping mapping) throws SQLException {
        Table target = cert.apply(table.id()).orElseThrow();
        List<Key> keys = new ArrayList<>();
        target.primary().ifPresent(keys::add);
        keys.addAll(target.uniqueKeys());
        String view = duck.view(table.id()).orElseThrow();
        String ex = SqlKeys.exampleExpression(SqlKeys.exampleColumns(table, target), "r");
        for (Key key : keys) {
            List<String> sources = sources(mapping, key.columns());
            if (sources == null) {
                continue;
            }
            String cols = sources.stream().map(c -> "r." + DuckSession.quote(c)).collect(Collectors.joining(", "));
            String notNull = sources.stream().map(c -> "r." + DuckSession.quote(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            String sql = "SELECT sum(n) OVER (), ex FROM (SELECT count(*) AS n, min(" + ex + ") AS ex FROM " + view
                    + " r WHERE " + notNull + " GROUP BY " + cols + " HAVING count(*) > 1) ORDER BY ex LIMIT " + examples;
            List<String> found = new ArrayList<>();
            long rows = 0;
            try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows = rs.getLong(1);
                    found.add(rs.getString(2));
                }
            }
            if (rows > 0) {
                findings.add(key.primary() ? "primary-key" : "unique", Severity.ERROR, table.id(),
                        String.join(",", key.columns()), rows, found);
            }
        }
    }

    /** The batch columns that fill the key's CERT columns, or null if the batches do not fill all of them. */
    static List<String> sources(TableMapping mapping, List<String> targets) {
        List<String> sources = new ArrayList<>();
        for (String t : targets) {
            Optional<ColumnMapping> c = mapping.column(t);
            if (c.isEmpty() || c.get().source() == null) {
                return null;
            }
            sources.add(c.get().source());
        }
        return sources;
    }

    /**
     * Every non-null reference of a staged table resolves to a staged row of its target. References to a
     * target the spec assumes present in CERT come back as lookups for CERT.
     *
     * @param inCert whether unresolved keys of the target are to be looked up in CERT
     */
    public List<CertLookup> references(List<Reference> references, Predicate<TableId> inCert) throws SQLException {
        List<CertLookup> lookups = new ArrayList<>();
        relationships(references.stream().filter(r -> r.origin() == Reference.Origin.GRAPH).toList());
        for (Reference ref : references) {
            StagedTable child = staged.get(ref.from());
            if (child == null || ref.origin() == Reference.Origin.GRAPH) {
                continue;
            }
            List<String> childTypes = new ArrayList<>();
            List<String> childExprs = new ArrayList<>();
            for (String column : ref.fromColumns()) {
                Optional<String> type = ref.jsonPath() != null ? Optional.of("text")
                        : child.column(column).map(c -> c.pgType());
                if (type.isEmpty()) {
                    break; // the drift mapping reports a column the batches lack
                }
                childTypes.add(type.get());
                childExprs.add(ref.jsonPath() != null ? "json_extract_string(c." + DuckSession.quote(column) + ", "
                        + DuckSession.literal(ref.jsonPath()) + ")" : "c." + DuckSession.quote(column));
            }
            if (childExprs.size() != ref.fromColumns().size()) {
                continue;
            }
            List<String> parentTypes = parentTypes(ref);
            if (parentTypes == null) {
                continue;
            }
            Optional<String> parentView = duck.view(ref.to());
            String notNull = childExprs.stream().map(e -> e + " IS NOT NULL").collect(Collectors.joining(" AND "));
            StringBuilder missing = new StringBuilder("NOT EXISTS (SELECT 1 FROM ");
            if (parentView.isPresent()) {
                missing.append(parentView.get()).append(" p WHERE ");
                for (int i = 0; i < childExprs.size(); i++) {
                    String kind = compareAs(childTypes.get(i), parentTypes.get(i));
                    missing.append(i == 0 ? "" : " AND ").append(normalize("p." + DuckSession.quote(ref.toColumns().get(i)),
                            kind)).append(" = ").append(normalize(childExprs.get(i), kind));
                }
                missing.append(")");
            } else {
                missing = new StringBuilder("true");
            }
            String ex = SqlKeys.exampleExpression(SqlKeys.exampleColumns(child, cert.apply(child.id()).orElse(null)), "c");
            String from = duck.view(child.id()).orElseThrow() + " c WHERE " + notNull + " AND " + missing;
            referenceChecks += child.rows();
            if (inCert.test(ref.to())) {
                lookups.add(lookup(ref, childExprs, from, ex));
                continue;
            }
            List<String> found = new ArrayList<>();
            long rows = 0;
            try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) OVER (), " + ex + " AS ex FROM " + from + " ORDER BY ex LIMIT " + examples)) {
                while (rs.next()) {
                    rows = rs.getLong(1);
                    found.add(rs.getString(2));
                }
            }
            if (rows > 0) {
                findings.add(checkName(ref), Severity.ERROR, child.id(), describeColumns(ref), rows, found);
            }
        }
        return lookups;
    }

    /**
     * Every relationship's start and end node is among the run's nodes. A relationship batch names its ends
     * by their key properties ({@code from.k}, {@code to.k}, as the extractor writes them); an end may carry
     * any of the labels the schema found there, so a relationship resolves if one of them holds its key.
     */
    private void relationships(List<Reference> endpoints) throws SQLException {
        Map<String, List<Reference>> byEnd = new java.util.TreeMap<>();
        for (Reference r : endpoints) {
            byEnd.computeIfAbsent(r.from() + " " + r.fromColumns(), k -> new ArrayList<>()).add(r);
        }
        for (List<Reference> ends : byEnd.values()) {
            Reference first = ends.get(0);
            StagedTable rel = staged.get(first.from());
            if (rel == null) {
                continue;
            }
            String prefix = first.fromColumns().get(0).equals(io.ferry.schema.introspect.Neo4jIntrospector.START)
                    ? "from." : "to.";
            List<String> resolves = new ArrayList<>();
            for (Reference end : ends) {
                StagedTable label = staged.get(end.to());
                List<String> keys = rel.columns().stream().map(c -> c.name()).filter(n -> n.startsWith(prefix))
                        .map(n -> n.substring(prefix.length())).filter(k -> label != null && label.column(k).isPresent())
                        .toList();
                if (label == null || keys.isEmpty()) {
                    continue;
                }
                resolves.add(keys.stream().map(k -> "c." + DuckSession.quote(prefix + k) + " IS NOT NULL").collect(
                        Collectors.joining(" AND ")) + " AND EXISTS (SELECT 1 FROM " + duck.view(end.to()).orElseThrow()
                        + " p WHERE " + keys.stream().map(k -> "CAST(p." + DuckSession.quote(k) + " AS VARCHAR) = CAST(c."
                        + DuckSession.quote(prefix + k) + " AS VARCHAR)").collect(Collectors.joining(" AND ")) + ")");
            }
            String condition = resolves.isEmpty() ? "true"
                    : resolves.stream().map(r -> "(" + r + ")").collect(Collectors.joining(" OR ", "NOT (", ")"));
            referenceChecks += rel.rows();
            String ex = SqlKeys.exampleExpression(SqlKeys.exampleColumns(rel, null), "c");
            List<String> found = new ArrayList<>();
            long rows = 0;
            try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) OVER (), " + ex + " AS ex FROM " + duck.view(rel.id()).orElseThrow() + " c WHERE "
                            + condition + " ORDER BY ex LIMIT " + examples)) {
                while (rs.next()) {
                    rows = rs.getLong(1);
                    found.add(rs.getString(2));
                }
            }
            if (rows > 0) {
                findings.add("relationship", Severity.ERROR, rel.id(), prefix.equals("from.") ? "start" : "end", rows,
                        found);
            }
        }
    }

    private CertLookup lookup(Reference ref, List<String> childExprs, String from, String ex) throws SQLException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < childExprs.size(); i++) {
            keys.add("CAST(" + childExprs.get(i) + " AS VARCHAR) AS k" + i);
        }
        String group = java.util.stream.IntStream.range(0, childExprs.size()).mapToObj(i -> "k" + i)
                .collect(Collectors.joining(", "));
        List<CertLookup.Key> found = new ArrayList<>();
        try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT " + group
                + ", count(*), min(ex) FROM (SELECT " + String.join(", ", keys) + ", " + ex + " AS ex FROM " + from
                + ") GROUP BY " + group)) {
            while (rs.next()) {
                String[] values = new String[childExprs.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getString(i + 1);
                }
                found.add(new CertLookup.Key(values, rs.getLong(values.length + 1), rs.getString(values.length + 2)));
            }
        }
        return new CertLookup(ref, checkName(ref), describeColumns(ref), found);
    }

    /** The target columns' types: from its batches, else from CERT; null if neither knows the table. */
    private List<String> parentTypes(Reference ref) {
        StagedTable parent = staged.get(ref.to());
        Optional<Table> certParent = cert.apply(ref.to());
        List<String> types = new ArrayList<>();
        for (String column : ref.toColumns()) {
            Optional<String> type = parent != null ? parent.column(column).map(c -> c.pgType())
                    : certParent.flatMap(t -> t.column(column)).map(Column::type);
            if (type.isEmpty()) {
                return null;
            }
            types.add(type.get());
        }
        return types;
    }

    /** How two sides of a reference compare: as integers, case-insensitive UUID text, or text. */
    static String compareAs(String childType, String parentType) {
        if (SqlKeys.integer(childType) || SqlKeys.integer(parentType)) {
            return "integer";
        }
        return SqlKeys.uuid(childType) || SqlKeys.uuid(parentType) ? "uuid" : "text";
    }

    static String normalize(String expression, String kind) {
        return switch (kind) {
            case "integer" -> "TRY_CAST(" + expression + " AS BIGINT)";
            case "uuid" -> "lower(CAST(" + expression + " AS VARCHAR))";
            default -> "CAST(" + expression + " AS VARCHAR)";
        };
    }

    static String checkName(Reference ref) {
        return switch (ref.origin()) {
            case LINK, JSON_PATH -> ref.crossStore() ? "cross-store" : "reference";
            case GRAPH -> "relationship";
            default -> "reference";
        };
    }

    static String describeColumns(Reference ref) {
        String columns = String.join(",", ref.fromColumns());
        return ref.jsonPath() != null ? columns + "->'" + ref.jsonPath() + "'" : columns;
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = duck.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
