package io.ferry.schema.graph;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds small estates for graph tests: {@code table("s", "a")}, {@code ref("s.a", "s.b")}. */
final class Schemas {

    private final Map<String, List<Table>> tables = new TreeMap<>();
    private final Map<String, List<Reference>> references = new TreeMap<>();
    private final List<Reference> spec = new ArrayList<>();

    static TableId id(String storeAndName) {
        String[] p = storeAndName.split("\\.");
        return new TableId(p[0], "public", p[1]);
    }

    Schemas table(String storeAndName) {
        TableId id = id(storeAndName);
        Column col = new Column("id", 1, "bigint", false, Column.Generation.NONE, null);
        tables.computeIfAbsent(id.store(), k -> new ArrayList<>())
                .add(new Table(id, TableKind.TABLE, List.of(col), new Key(id.name() + "_pkey", List.of("id"), true),
                        List.of(), List.of(), List.of(), 10, 8192));
        return this;
    }

    Schemas tableWithoutKey(String storeAndName) {
        TableId id = id(storeAndName);
        tables.computeIfAbsent(id.store(), k -> new ArrayList<>()).add(new Table(id, TableKind.TABLE,
                List.of(new Column("v", 1, "text", true, Column.Generation.NONE, null)), null, List.of(), List.of(),
                List.of(), -1, -1));
        return this;
    }

    Schemas ref(String from, String to) {
        return fk(from, to, false, false);
    }

    Schemas nullable(String from, String to) {
        return fk(from, to, true, false);
    }

    Schemas deferrable(String from, String to) {
        return fk(from, to, false, true);
    }

    Schemas fk(String from, String to, boolean nullable, boolean deferrable) {
        TableId f = id(from);
        TableId t = id(to);
        references.computeIfAbsent(f.store(), k -> new ArrayList<>()).add(new Reference(f.name() + "_" + t.name() + "_fkey",
                f, List.of(t.name() + "_id"), t, List.of("id"), nullable, deferrable, Reference.Origin.FOREIGN_KEY, null));
        return this;
    }

    Schemas composite(String from, String to, boolean nullable) {
        TableId f = id(from);
        TableId t = id(to);
        references.computeIfAbsent(f.store(), k -> new ArrayList<>()).add(new Reference(f.name() + "_" + t.name() + "_fkey",
                f, List.of("a_id", "b_id"), t, List.of("a", "b"), nullable, false, Reference.Origin.FOREIGN_KEY, null));
        return this;
    }

    Schemas link(String from, String to, Reference.Origin origin) {
        spec.add(new Reference("link", id(from), List.of("x_id"), id(to), List.of("id"), true, false, origin, null));
        return this;
    }

    EstateSchema build() {
        Map<String, Boolean> stores = new TreeMap<>();
        tables.keySet().forEach(s -> stores.put(s, true));
        references.keySet().forEach(s -> stores.put(s, true));
        List<StoreSchema> list = new ArrayList<>();
        stores.keySet().forEach(s -> list.add(new StoreSchema(s, StoreKind.POSTGRES, tables.getOrDefault(s, List.of()),
                references.getOrDefault(s, List.of()), "fp")));
        return new EstateSchema(list, spec);
    }

    DependencyGraph graph() {
        return DependencyGraph.of(build());
    }
}
