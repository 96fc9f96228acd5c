package io.ferry.loader.load;

import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key maps a graph's linked properties go through. A spec link ties a label's or relationship type's
 * property to a column of a PostgreSQL store; when that column is a remapped table's key
 * ({@code graph:Order(orderID)} to {@code nw.public.orders(order_id)}), or a column whose foreign key references
 * one ({@code graph:[:ORDERS](orderID, ...)} to {@code nw.public.order_details(order_id, ...)}, whose
 * {@code order_id} references {@code orders}), the property's values follow the district's map of that table,
 * as the PostgreSQL rows do.
 */
public final class GraphLinkMaps {

    /** Opens a session on a PostgreSQL store's CERT database; the caller closes it. */
    public interface Sessions {
        Connection open(Store store) throws SQLException;
    }

    private GraphLinkMaps() {
    }

    /** @return per {@code Label.property} or {@code TYPE.property}, source key text to CERT key text */
    public static Map<String, Map<String, String>> read(Spec spec, String store, String district, Sessions sessions)
            throws SQLException {
        return read(spec, store, KeyMapSource.committed(district), sessions);
    }

    /** @return per {@code Label.property} or {@code TYPE.property}, source key text to CERT key text */
    public static Map<String, Map<String, String>> read(Spec spec, String store, KeyMapSource source, Sessions sessions)
            throws SQLException {
        Map<String, Map<String, String>> maps = new TreeMap<>();
        Map<String, StoreSchema> schemas = new HashMap<>();
        Map<TableId, Map<String, String>> read = new HashMap<>();
        for (Link link : spec.links()) {
            TableId from = link.from().table();
            TableId to = link.to().table();
            if (!link.from().graph() || !from.store().equals(store) || link.from().jsonPath() != null
                    || to.store().equals(store)) {
                continue;
            }
            Store target = spec.store(to.store()).orElseThrow();
            for (int i = 0; i < link.from().columns().size() && i < link.to().columns().size(); i++) {
                Optional<TableId> remapped = remappedBehind(spec, schema(schemas, target, sessions), to,
                        link.to().columns().get(i));
                if (remapped.isPresent()) {
                    Map<String, String> map = read.get(remapped.get());
                    if (map == null) {
                        try (Connection c = sessions.open(target)) {
                            map = source.read(c, remapped.get());
                        }
                        read.put(remapped.get(), map);
                    }
                    maps.put(from.name() + "." + link.from().columns().get(i), map);
                }
            }
        }
        return maps;
    }

    /** The remapped table whose key {@code table.column} is, or references through a single-column foreign key. */
    static Optional<TableId> remappedBehind(Spec spec, StoreSchema schema, TableId table, String column) {
        if (remapKey(spec, schema, table).filter(column::equals).isPresent()) {
            return Optional.of(table);
        }
        for (Reference r : schema.references()) {
            if (r.from().equals(table) && r.jsonPath() == null && r.fromColumns().equals(List.of(column))
                    && remapKey(spec, schema, r.to()).filter(k -> r.toColumns().equals(List.of(k))).isPresent()) {
                return Optional.of(r.to());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> remapKey(Spec spec, StoreSchema schema, TableId table) {
        if (spec.load().keys().getOrDefault(table, spec.load().conflict()) != ConflictStrategy.REMAP) {
            return Optional.empty();
        }
        Optional<Table> t = schema.table(table);
        return t.map(x -> KeyPlan.of(x, ConflictStrategy.REMAP).mapColumn());
    }

    private static StoreSchema schema(Map<String, StoreSchema> schemas, Store store, Sessions sessions)
            throws SQLException {
        StoreSchema schema = schemas.get(store.name());
        if (schema == null) {
            try (Connection c = sessions.open(store)) {
                schema = new PostgresIntrospector().introspect(c, store.name(), store.schemas());
            }
            schemas.put(store.name(), schema);
        }
        return schema;
    }
}
