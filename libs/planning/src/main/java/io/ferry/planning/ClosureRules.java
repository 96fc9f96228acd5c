package io.ferry.planning;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the closure of one district is, independent of how the spec spells it: the tenant's root rows,
 * per-reference and per-table overrides of the default rule, and the cross-tenant and dangling policies.
 * References are named by {@link Reference#describe()}.
 *
 * @param edges          per-reference policy; references not listed are {@link EdgePolicy#FOLLOW}ed
 * @param tables         per-table rules; tables not listed follow the default rule
 * @param dangling       the default for references that are not declared foreign keys
 * @param danglingByEdge per-reference overrides of {@code dangling}
 */
public record ClosureRules(Tenant tenant, Map<String, EdgePolicy> edges, Map<TableId, TableRule> tables,
        CrossTenantPolicy crossTenant, DanglingPolicy dangling, Map<String, DanglingPolicy> danglingByEdge) {

    /** The tenant table, its key columns and the district's values of them (e.g. code = district-001). */
    public record Tenant(TableId table, List<String> keyColumns, Tuple key) {
        public Tenant {
            keyColumns = List.copyOf(keyColumns);
            if (keyColumns.size() != key.size()) {
                throw new IllegalArgumentException("tenant key has " + keyColumns.size() + " column(s) but "
                        + key.size() + " value(s)");
            }
        }
    }

    /** How one reference is traversed. */
    public enum EdgePolicy {
        /** Children of included parents are included, parents of included rows are pulled. */
        FOLLOW,
        /** Neither: the reference is ignored (its parents must be present in CERT already). */
        STOP,
        /** Neither, and the extractor writes NULL into the referencing columns. */
        NULLIFY,
        /** Parents are pulled, children are not included through it. */
        PARENTS_ONLY
    }

    /** What happens to a table as a whole. */
    public enum TablePolicy {
        /** The default rule. */
        DEFAULT,
        /** Every row (passing the filter) is copied; nothing is reached through it. */
        COPY_ALL,
        /** CERT holds the rows already: none is read and references into it are not followed. */
        ASSUME_PRESENT,
        /** Never copied and never traversed. */
        EXCLUDE
    }

    /**
     * @param filter    an SQL condition every copied row must pass, or null
     * @param rowLimit  the most rows the closure may hold of this table (the plan aborts beyond), or 0 for none
     * @param ownerPath references (by {@link Reference#describe()}) from this table up to the tenant table
     *                  that name a row's owner, or empty for the first downward path
     */
    public record TableRule(TablePolicy policy, String filter, long rowLimit, List<String> ownerPath) {
        public TableRule {
            Objects.requireNonNull(policy, "policy");
            ownerPath = List.copyOf(ownerPath);
        }

        public static TableRule of(TablePolicy policy) {
            return new TableRule(policy, null, 0, List.of());
        }
    }

    /** A row pulled upward that belongs to another district. */
    public enum CrossTenantPolicy {
        COPY, NULLIFY, FAIL
    }

    /** A value of a cross-store, JSON-path or virtual reference that no row holds. */
    public enum DanglingPolicy {
        /** The referencing row is left out (and what was reached only through it). */
        DROP,
        /** The referencing row is kept and the extractor writes NULL into the reference. */
        NULL,
        /** The run fails; the plan reports it. */
        FAIL
    }

    public ClosureRules {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(crossTenant, "crossTenant");
        Objects.requireNonNull(dangling, "dangling");
        edges = Map.copyOf(edges);
        tables = Map.copyOf(tables);
        danglingByEdge = Map.copyOf(danglingByEdge);
    }

    /** The default rule for the district {@code key} of {@code tenant}, copying cross-tenant rows and failing on dangling ones. */
    public static ClosureRules defaults(Tenant tenant) {
        return new ClosureRules(tenant, Map.of(), Map.of(), CrossTenantPolicy.COPY, DanglingPolicy.FAIL, Map.of());
    }

    public EdgePolicy edge(Reference r) {
        return edges.getOrDefault(r.describe(), EdgePolicy.FOLLOW);
    }

    public TableRule table(TableId t) {
        return tables.getOrDefault(t, TableRule.of(TablePolicy.DEFAULT));
    }

    public DanglingPolicy dangling(Reference r) {
        return danglingByEdge.getOrDefault(r.describe(), dangling);
    }

    public ClosureRules withEdge(String reference, EdgePolicy policy) {
        Map<String, EdgePolicy> m = new java.util.HashMap<>(edges);
        m.put(reference, policy);
        return new ClosureRules(tenant, m, tables, crossTenant, dangling, danglingByEdge);
    }

    public ClosureRules withTable(TableId table, TableRule rule) {
        Map<TableId, TableRule> m = new java.util.HashMap<>(tables);
        m.put(table, rule);
        return new ClosureRules(tenant, edges, m, crossTenant, dangling, danglingByEdge);
    }

    public ClosureRules withCrossTenant(CrossTenantPolicy policy) {
        return new ClosureRules(tenant, edges, tables, policy, dangling, danglingByEdge);
    }

    public ClosureRules withDangling(DanglingPolicy policy, Map<String, DanglingPolicy> byEdge) {
        return new ClosureRules(tenant, edges, tables, crossTenant, policy, byEdge);
    }
}
