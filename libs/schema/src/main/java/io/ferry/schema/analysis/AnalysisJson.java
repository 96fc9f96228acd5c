package io.ferry.schema.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.schema.graph.Cycle;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.graph.LoadGroup;
import io.ferry.schema.graph.StoreWave;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.io.UncheckedIOException;
import java.util.List;

/** Renders {@code schema-analysis.json} and {@code extraction-order.json}: pure, strings out. */
final class AnalysisJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {
    }

    static String schemaAnalysis(DependencyGraph graph) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode stores = root.putArray("stores");
        for (StoreSchema s : graph.schema().stores()) {
            ObjectNode store = stores.addObject();
            store.put("store", s.store()).put("kind", s.kind().name().toLowerCase()).put("fingerprint", s.fingerprint());
            ArrayNode tables = store.putArray("tables");
            s.tables().forEach(t -> table(tables.addObject(), t));
        }
        ArrayNode refs = root.putArray("references");
        graph.references().forEach(r -> reference(refs.addObject(), r));
        ArrayNode cycles = root.putArray("cycles");
        graph.cycles().forEach(c -> cycle(cycles.addObject(), c));
        return write(root);
    }

    static String extractionOrder(DependencyGraph graph) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode waves = root.putArray("waves");
        for (StoreWave w : graph.storeWaves()) {
            ObjectNode wave = waves.addObject().put("wave", w.wave());
            ArrayNode mutual = wave.putArray("mutual");
            w.mutual().forEach(m -> strings(mutual.addArray(), m));
            ArrayNode stores = wave.putArray("stores");
            for (String store : w.stores()) {
                ObjectNode s = stores.addObject().put("store", store);
                strings(s.putArray("waitsFor"), graph.waitsFor(store));
                ArrayNode order = s.putArray("tables");
                for (LoadGroup g : graph.loadOrder(store)) {
                    ObjectNode group = order.addObject();
                    strings(group.putArray("tables"), g.tables().stream().map(TableId::qualified).toList());
                    if (g.cyclic()) {
                        group.put("cycle", g.cycle().kind().name().toLowerCase());
                        group.put("why", g.cycle().explanation());
                    }
                }
            }
        }
        return write(root);
    }

    private static void table(ObjectNode n, Table t) {
        n.put("schema", t.id().schema()).put("name", t.id().name()).put("table", t.id().qualified())
                .put("kind", t.kind().name().toLowerCase()).put("rows", t.rowEstimate()).put("bytes", t.bytes());
        ArrayNode cols = n.putArray("columns");
        for (Column c : t.columns()) {
            ObjectNode col = cols.addObject().put("name", c.name()).put("type", c.type()).put("nullable", c.nullable());
            if (c.generation() != Column.Generation.NONE) {
                col.put("generation", c.generation().name().toLowerCase());
            }
            if (c.defaultExpression() != null) {
                col.put("default", c.defaultExpression());
            }
        }
        if (t.primaryKey() != null) {
            key(n.putObject("primaryKey"), t.primaryKey());
        } else {
            n.putNull("primaryKey");
        }
        ArrayNode unique = n.putArray("uniqueKeys");
        t.uniqueKeys().forEach(k -> key(unique.addObject(), k));
        ArrayNode checks = n.putArray("checks");
        t.checks().forEach(c -> checks.addObject().put("name", c.name()).put("expression", c.expression()));
        strings(n.putArray("partitions"), t.partitions());
    }

    private static void key(ObjectNode n, Key k) {
        n.put("name", k.name());
        strings(n.putArray("columns"), k.columns());
    }

    private static void reference(ObjectNode n, Reference r) {
        n.put("name", r.name()).put("from", r.from().toString()).put("to", r.to().toString());
        strings(n.putArray("fromColumns"), r.fromColumns());
        strings(n.putArray("toColumns"), r.toColumns());
        if (r.jsonPath() != null) {
            n.put("jsonPath", r.jsonPath());
        }
        n.put("origin", r.origin().name().toLowerCase()).put("nullable", r.nullable()).put("deferrable", r.deferrable())
                .put("composite", r.composite()).put("crossStore", r.crossStore());
    }

    private static void cycle(ObjectNode n, Cycle c) {
        n.put("store", c.store()).put("kind", c.kind().name().toLowerCase());
        strings(n.putArray("tables"), c.tables().stream().map(TableId::qualified).toList());
        ArrayNode breaks = n.putArray("breaks");
        c.breaks().forEach(b -> breaks.addObject().put("reference", b.reference().describe())
                .put("name", b.reference().name()).put("method", b.method().name().toLowerCase()));
        n.put("why", c.explanation());
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
