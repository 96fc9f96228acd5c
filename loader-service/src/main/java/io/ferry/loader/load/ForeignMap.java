package io.ferry.loader.load;

import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.Spec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Another store's key map of one remapped table, as that store's load decided it for the run ({@link DecidedMaps})
 * or its {@code ferry.key_map} holds it for the district: a store whose rows reference a remapped table of another
 * store reads that map and rewrites its references through it.
 *
 * @param column the table's key column the map covers
 * @param keys   source key to CERT key, as text, for the keys the map moves ({@link RunKeyMap#read}): every other
 *               value stays as it is
 */
public record ForeignMap(TableId table, String column, Map<String, String> keys) {

    public ForeignMap {
        keys = Map.copyOf(keys);
    }

    /**
     * The remapped tables of other stores that the spec's links from {@code store} point at: their maps must be
     * read before the store loads.
     */
    public static Set<TableId> needed(Spec spec, String store) {
        Set<TableId> tables = new TreeSet<>();
        for (var link : spec.links()) {
            TableId to = link.to().table();
            if (link.from().table().store().equals(store) && !to.store().equals(store)
                    && spec.load().keys().getOrDefault(to, spec.load().conflict()) == ConflictStrategy.REMAP) {
                tables.add(to);
            }
        }
        return tables;
    }

    /** The district's map as the store committed it. */
    public static ForeignMap read(Connection other, List<String> schemas, String district, TableId table)
            throws SQLException {
        return read(other, schemas, table, KeyMapSource.committed(district));
    }

    /**
     * @param other   a session on the CERT store that holds {@code table}
     * @param schemas that store's schemas, as the spec lists them
     */
    public static ForeignMap read(Connection other, List<String> schemas, TableId table, KeyMapSource source)
            throws SQLException {
        StoreSchema schema = new PostgresIntrospector().introspect(other, table.store(), schemas);
        Table t = schema.table(table).orElseThrow(() -> new LoadRefusedException(table.store(), table.qualified()
                + " is not in the store's CERT database, so its key map cannot be read"));
        String column = KeyPlan.of(t, ConflictStrategy.REMAP).mapColumn();
        return new ForeignMap(table, column, source.read(other, table));
    }
}
