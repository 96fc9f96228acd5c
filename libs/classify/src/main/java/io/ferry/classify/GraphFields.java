package io.ferry.classify;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.FieldClassifier;
import io.ferry.anonymize.classify.ReservedRanges;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.classify.TokenDictionary;
import io.ferry.planning.graph.GraphIds;
import io.ferry.planning.graph.GraphPlan;
import io.ferry.planning.graph.RowSlices;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Reads one graph store's label properties in read transactions of the snapshot's read-only sessions
 * ({@link ProdSnapshot#readGraph}): samples, the reserved-range scan and the dictionary's nodes. Values
 * stay in memory; errors are {@link ProdReadException}s that name the label and Neo4j's code.
 */
public final class GraphFields {

    static final int CHUNK = 10_000;

    private final String store;
    private final ProdSnapshot snapshot;

    /** @param store a graph store of the snapshot's spec */
    public GraphFields(String store, ProdSnapshot snapshot) {
        this.store = store;
        this.snapshot = snapshot;
    }

    /** Every property of the label, with up to {@code n} sampled values for those that may hold text. */
    public List<SampledField> sample(Table label, int n) {
        List<SampledField> out = new ArrayList<>();
        for (Column c : label.columns()) {
            if (c.name().startsWith("<")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            if (FieldClassifier.isText(FieldClassifier.typeClass(c.type()))) {
                String cypher = "MATCH (n:" + name(label.id().name()) + ") WHERE n." + name(c.name())
                        + " IS NOT NULL RETURN n." + name(c.name()) + " AS v LIMIT $n";
                run("sampling " + where(label), cypher, Map.of("n", n), r -> values.add(text(r.get("v"))));
            }
            out.add(new SampledField(Field.property(store, label.id().name(), c.name(), c.type()), values));
        }
        return out;
    }

    public boolean holdsReserved(Table label, RuleIndex.Ruled rule, DataType type, ReservedRanges ranges) {
        String p = "n." + name(rule.name());
        String cypher = "MATCH (n:" + name(label.id().name()) + ") WHERE " + p + " IS NOT NULL AND "
                + ranges.cypherCondition(type, p) + " RETURN 1 AS hit LIMIT 1";
        boolean[] hit = {false};
        run("scanning " + where(label) + "." + rule.name() + " for reserved values", cypher, ranges.cypherParameters(),
                r -> hit[0] = true);
        return hit[0];
    }

    /**
     * Feeds the dictionary with the properties' values of the label's nodes in the closure, looked up by id
     * ({@link GraphIds}) in chunks, their rows a slice a record ({@link RowSlices}).
     */
    public void dictionary(TableId label, Map<String, DataType> properties, GraphPlan plan, TokenDictionary dictionary) {
        List<String> ids = plan.ids(label);
        List<String> names = new ArrayList<>(properties.keySet());
        List<DataType> types = names.stream().map(properties::get).toList();
        String values = String.join(", ", names.stream().map(n -> "n." + name(n)).toList());
        String cypher = "UNWIND $ids AS id MATCH (n:" + name(label.name()) + ") WHERE " + GraphIds.of("n") + " = id"
                + RowSlices.returning("[" + values + "]");
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            read("reading " + store + ":" + label.name() + " for the dictionary", cypher,
                    Map.of("ids", GraphIds.parameter(chunk)),
                    result -> RowSlices.forEach(result, row -> {
                        for (int i = 0; i < types.size(); i++) {
                            Value v = row.get(i);
                            if (!v.isNull()) {
                                dictionary.add(types.get(i), text(v));
                            }
                        }
                    }));
        }
    }

    private interface Rows {
        void accept(Record r);
    }

    private void run(String what, String cypher, Map<String, Object> params, Rows rows) {
        read(what, cypher, params, result -> result.forEachRemaining(rows::accept));
    }

    private void read(String what, String cypher, Map<String, Object> params, Consumer<Result> reader) {
        try {
            snapshot.readGraph(store, tx -> {
                reader.accept(tx.run(cypher, params));
                return null;
            });
        } catch (Neo4jException e) {
            throw ProdReadException.of(what, e);
        }
    }

    /** A property value as text: lists joined by spaces, everything else in its string form. */
    private static String text(Value v) {
        Object o = v.asObject();
        if (o instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(o);
    }

    private String where(Table label) {
        return store + ":" + label.id().name();
    }

    private static String name(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
