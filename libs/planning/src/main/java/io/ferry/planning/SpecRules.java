package io.ferry.planning;

import io.ferry.planning.ClosureRules.CrossTenantPolicy;
import io.ferry.planning.ClosureRules.DanglingPolicy;
import io.ferry.planning.ClosureRules.EdgePolicy;
import io.ferry.planning.ClosureRules.TablePolicy;
import io.ferry.planning.ClosureRules.TableRule;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Closure;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Ref;
import io.ferry.spec.model.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a spec's tenant and closure section into the engine's {@link ClosureRules} for one district.
 * The spec names references as it writes them ({@code hcp2.public.submission(grader_id)}); the engine
 * keys them by {@link Reference#describe()}, so each is looked up in the introspected schema.
 */
public final class SpecRules {

    private SpecRules() {
    }

    /**
     * @param district the tenant key's value; for a composite tenant key, the values separated by commas
     * @throws IllegalArgumentException naming what does not fit (the spec passed {@code check-spec} otherwise)
     */
    public static ClosureRules of(Spec spec, EstateSchema schema, String district) {
        ClosureRules.Tenant tenant = tenant(spec, schema, district);
        Closure closure = spec.closure();
        if (closure == null) {
            return ClosureRules.defaults(tenant);
        }
        Map<String, EdgePolicy> edges = new LinkedHashMap<>();
        closure.edges().forEach((ref, policy) -> edges.put(reference(schema, ref).describe(), edge(policy)));
        Map<TableId, TableRule> tables = new LinkedHashMap<>();
        closure.tables().forEach((ref, rule) -> tables.put(ref.table(), table(schema, rule)));
        Map<String, DanglingPolicy> danglingByEdge = new LinkedHashMap<>();
        for (Link link : spec.links()) {
            if (link.dangling() != null) {
                danglingByEdge.put(reference(schema, link.from()).describe(), dangling(link.dangling()));
            }
        }
        return new ClosureRules(tenant, edges, tables,
                closure.crossTenant() == null ? CrossTenantPolicy.COPY : crossTenant(closure.crossTenant()),
                closure.dangling() == null ? DanglingPolicy.FAIL : dangling(closure.dangling()), danglingByEdge);
    }

    private static ClosureRules.Tenant tenant(Spec spec, EstateSchema schema, String district) {
        TableId id = spec.tenant().table();
        List<String> keyColumns = spec.tenant().key();
        Table table = schema.table(id).orElseThrow(() -> new IllegalArgumentException("tenant table " + id + " not found"));
        String[] parts = keyColumns.size() == 1 ? new String[] {district} : district.split(",", -1);
        if (parts.length != keyColumns.size()) {
            throw new IllegalArgumentException("the tenant key " + keyColumns + " has " + keyColumns.size()
                    + " columns: give the district as " + keyColumns.size() + " values separated by commas");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String name = keyColumns.get(i);
            Column column = table.column(name).orElseThrow(
                    () -> new IllegalArgumentException("tenant key column " + name + " not in " + id));
            Object value = ValueKind.of(column).convert(parts[i].trim());
            if (value == null) {
                throw new IllegalArgumentException("district '" + parts[i] + "' is not a valid " + column.type()
                        + " for " + id + "." + name);
            }
            values.add(value);
        }
        return new ClosureRules.Tenant(id, keyColumns, Tuple.of(values));
    }

    private static Reference reference(EstateSchema schema, Ref ref) {
        return schema.references().stream()
                .filter(r -> r.from().equals(ref.table()) && r.fromColumns().equals(ref.columns())
                        && Objects.equals(r.jsonPath(), ref.jsonPath()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reference " + ref + " in the schema; run check-spec"));
    }

    private static TableRule table(EstateSchema schema, io.ferry.spec.model.TableRule rule) {
        TablePolicy policy = rule.mode() == null ? TablePolicy.DEFAULT : switch (rule.mode()) {
            case COPY_ALL -> TablePolicy.COPY_ALL;
            case ASSUME_PRESENT -> TablePolicy.ASSUME_PRESENT;
            case EXCLUDE -> TablePolicy.EXCLUDE;
        };
        List<String> owner = rule.owner().stream().map(r -> reference(schema, r).describe()).toList();
        return new TableRule(policy, rule.filter(), rule.limit() == null ? 0 : rule.limit(), owner);
    }

    private static EdgePolicy edge(io.ferry.spec.model.EdgePolicy p) {
        return switch (p) {
            case FOLLOW -> EdgePolicy.FOLLOW;
            case STOP -> EdgePolicy.STOP;
            case NULLIFY -> EdgePolicy.NULLIFY;
            case PARENTS_ONLY -> EdgePolicy.PARENTS_ONLY;
        };
    }

    private static CrossTenantPolicy crossTenant(io.ferry.spec.model.CrossTenantPolicy p) {
        return switch (p) {
            case COPY -> CrossTenantPolicy.COPY;
            case NULLIFY -> CrossTenantPolicy.NULLIFY;
            case FAIL -> CrossTenantPolicy.FAIL;
        };
    }

    private static DanglingPolicy dangling(io.ferry.spec.model.DanglingPolicy p) {
        return switch (p) {
            case DROP -> DanglingPolicy.DROP;
            case NULL -> DanglingPolicy.NULL;
            case FAIL -> DanglingPolicy.FAIL;
        };
    }
}
