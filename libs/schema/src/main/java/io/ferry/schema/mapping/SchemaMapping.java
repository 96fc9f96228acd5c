package io.ferry.schema.mapping;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping from a PROD table onto its CERT table: a pure function of the spec's drift rules, the
 * PROD columns (as the batches carry them) and CERT's introspected table. The validator reports its
 * issues; the loader computes it again over the same inputs and loads by it.
 */
public final class SchemaMapping {

    private SchemaMapping() {
    }

    /**
     * @param rules the spec's drift rules (any table; the ones for {@code table} apply)
     * @param prod  the PROD columns in batch order (name and type matter)
     * @param cert  CERT's table, or null when CERT has no such table
     */
    public static TableMapping map(List<DriftRule> rules, TableId table, List<Column> prod, Table cert) {
        Map<String, DriftRule> byColumn = new HashMap<>();
        rules.stream().filter(r -> r.table().equals(table)).forEach(r -> byColumn.put(r.column(), r));
        List<MappingIssue> issues = new ArrayList<>();
        if (cert == null) {
            issues.add(new MappingIssue(true, null, "drift-missing-table",
                    "CERT has no table " + table.qualified() + " in store " + table.store()));
            return new TableMapping(table, List.of(), List.of(), issues);
        }
        Map<String, Column> prodByName = new LinkedHashMap<>();
        prod.forEach(c -> prodByName.put(c.name(), c));
        List<String> dropped = new ArrayList<>();
        for (Column p : prod) {
            if (cert.column(p.name()).isEmpty()) {
                DriftRule rule = byColumn.get(p.name());
                if (rule != null && rule.action() == DriftAction.DROP) {
                    dropped.add(p.name());
                } else {
                    issues.add(new MappingIssue(true, p.name(), "drift-missing-column", "CERT lacks column "
                            + p.name() + " (" + p.type() + "); to leave it out add validate.drift: {column: "
                            + table + "." + TableId.quote(p.name()) + ", action: drop}"));
                }
            }
        }
        List<ColumnMapping> columns = new ArrayList<>();
        for (Column c : cert.columns()) {
            if (c.generation() == Column.Generation.STORED) {
                continue;
            }
            Column p = prodByName.get(c.name());
            DriftRule rule = byColumn.get(c.name());
            ColumnMapping mapping = p == null ? certOnly(table, c, rule, issues) : matched(table, p, c, rule, issues);
            if (mapping != null) {
                columns.add(mapping);
            }
        }
        byColumn.values().stream().filter(r -> !applies(r, prodByName.get(r.column()), cert)).forEach(r ->
                issues.add(new MappingIssue(false, r.column(), "drift-rule-unused", "validate.drift's " + r.action().word()
                        + " rule for " + r.column() + " does not apply: PROD " + (prodByName.containsKey(r.column()) ? "has"
                        : "lacks") + " the column and CERT " + (cert.column(r.column()).isPresent() ? "has" : "lacks")
                        + " it")));
        return new TableMapping(table, columns, dropped, issues);
    }

    /** Whether a rule describes a real difference; a stale rule is reported, not silently kept. */
    private static boolean applies(DriftRule rule, Column prod, Table cert) {
        boolean inCert = cert.column(rule.column()).isPresent();
        return switch (rule.action()) {
            case DROP -> prod != null && !inCert;
            case DEFAULT -> prod == null && inCert;
            case CAST, TRUNCATE -> prod != null && inCert;
        };
    }

    private static ColumnMapping certOnly(TableId table, Column c, DriftRule rule, List<MappingIssue> issues) {
        if (rule != null && rule.action() == DriftAction.DEFAULT && rule.value() != null) {
            return new ColumnMapping(c.name(), c.type(), null, ColumnMapping.Fill.VALUE, rule.value(), 0);
        }
        boolean filledByCert = c.defaultExpression() != null || c.generation() != Column.Generation.NONE || c.nullable();
        if (!filledByCert) {
            issues.add(new MappingIssue(true, c.name(), "drift-required-column", "CERT column " + c.name() + " ("
                    + c.type() + ") is NOT NULL without a default and PROD has no such column; add validate.drift: "
                    + "{column: " + table + "." + TableId.quote(c.name()) + ", action: default, value: \"<SQL literal>\"}"));
            return null;
        }
        return new ColumnMapping(c.name(), c.type(), null, ColumnMapping.Fill.DEFAULT, null, 0);
    }

    private static ColumnMapping matched(TableId table, Column p, Column c, DriftRule rule, List<MappingIssue> issues) {
        TypeFit fit = TypeFit.of(p.type(), c.type());
        DriftAction action = rule == null ? null : rule.action();
        String where = c.name() + " is " + p.type() + " in PROD and " + c.type() + " in CERT";
        if (action == DriftAction.CAST) {
            issues.add(new MappingIssue(false, c.name(), "drift-cast", where + "; values are cast by the drift rule"));
            return new ColumnMapping(c.name(), c.type(), p.name(), ColumnMapping.Fill.CAST, null, TypeFit.length(c.type()));
        }
        if (fit == TypeFit.DIFFERENT) {
            issues.add(new MappingIssue(true, c.name(), "drift-type", where + "; to cast the values add validate.drift: "
                    + "{column: " + table + "." + TableId.quote(c.name()) + ", action: cast}"));
            return null;
        }
        if (action == DriftAction.TRUNCATE) {
            int limit = TypeFit.length(c.type());
            if (limit == 0) {
                issues.add(new MappingIssue(true, c.name(), "drift-rule", "validate.drift truncates " + c.name()
                        + ", but CERT's " + c.type() + " has no length to cut to"));
                return null;
            }
            return new ColumnMapping(c.name(), c.type(), p.name(), ColumnMapping.Fill.TRUNCATE, null, limit);
        }
        if (fit == TypeFit.NARROWER) {
            issues.add(new MappingIssue(false, c.name(), "drift-narrower", where + "; every value is checked against"
                    + " CERT's type"));
        }
        // CERT's length is watched even where PROD's is the same: anonymization may write a longer value than PROD
        // held (a generated id with its reserved prefix), and a cast to CERT's type would cut it.
        return new ColumnMapping(c.name(), c.type(), p.name(), ColumnMapping.Fill.COPY, null, TypeFit.length(c.type()));
    }
}
