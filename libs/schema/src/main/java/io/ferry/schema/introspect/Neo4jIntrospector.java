package io.ferry.schema.introspect;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * Reads a Neo4j graph's schema in one read transaction: node labels become {@link TableKind#LABEL}
 * tables (schema {@link TableId#LABELS}), relationship types {@link TableKind#RELATIONSHIP} tables
 * (schema {@link TableId#RELATIONSHIPS}); properties become columns ({@code db.schema.*TypeProperties},
 * types joined with {@code |}, nullable unless every element has it); uniqueness constraints become
 * unique keys and node-key constraints primary keys; counts are exact (from the count store).
 *
 * <p>References: a relationship cannot exist without both of its nodes, so each relationship type
 * references every label found at its start ({@code TYPE.start}) and at its end ({@code TYPE.end}),
 * with origin {@link Reference.Origin#GRAPH}, NOT NULL and not deferrable. Graph endpoints are element
 * ids, not properties, so the columns are the pseudo-columns {@link #START} / {@link #END} on the
 * relationship side and {@link #ELEMENT} on the label side; they never clash with a real property and
 * are not listed among the table's columns. The dependency graph thus loads nodes before relationships.
 */
public final class Neo4jIntrospector {

    /** Pseudo-column: the start node of a relationship. */
    public static final String START = "<start>";
    /** Pseudo-column: the end node of a relationship. */
    public static final String END = "<end>";
    /** Pseudo-column: a node's element id, what {@link #START} and {@link #END} point at. */
    public static final String ELEMENT = "<element>";

    /** A property being collected: its types over every row that mentions it. */
    private record Property(TreeSet<String> types, boolean[] nullable) {
    }

    public StoreSchema introspect(Driver driver, String store) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            return session.executeRead(tx -> read(tx, store));
        }
    }

    /**
     * The fingerprint of what a load into the graph depends on: its constraints (the merge keys init-target made
     * unique). Unlike {@link StoreSchema#fingerprint()}, which also covers the labels, properties and relationship
     * types found in the data, it does not change when a load (another district's, in a batch) or a tester adds
     * nodes; it changes when a constraint does.
     */
    public String constraintsFingerprint(Driver driver, String store) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            List<String> lines = session.executeRead(tx -> tx.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes,"
                    + " properties RETURN name, type, labelsOrTypes, properties").list(r -> "constraint "
                    + r.get("name").asString() + " " + r.get("type").asString() + " " + r.get("labelsOrTypes").asList()
                    + " " + r.get("properties").asList()));
            return SchemaFingerprint.sha256("store " + store + "\n" + String.join("\n", lines.stream().sorted().toList()));
        }
    }

    private StoreSchema read(TransactionContext tx, String store) {
        List<String> labels = strings(tx, "CALL db.labels() YIELD label RETURN label ORDER BY label");
        List<String> types = strings(tx,
                "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType");

        Map<String, Map<String, Property>> labelProps = new TreeMap<>();
        labels.forEach(l -> labelProps.put(l, new TreeMap<>()));
        for (Record r : tx.run("CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes, mandatory"
                + " RETURN nodeLabels, propertyName, propertyTypes, mandatory").list()) {
            for (Object label : r.get("nodeLabels").asList()) {
                add(labelProps.computeIfAbsent((String) label, k -> new TreeMap<>()), r);
            }
        }
        Map<String, Map<String, Property>> typeProps = new TreeMap<>();
        types.forEach(t -> typeProps.put(t, new TreeMap<>()));
        for (Record r : tx.run("CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes, mandatory"
                + " RETURN relType, propertyName, propertyTypes, mandatory").list()) {
            add(typeProps.computeIfAbsent(relTypeName(r.get("relType").asString()), k -> new TreeMap<>()), r);
        }

        Map<String, List<Key>> keys = new TreeMap<>();
        for (Record r : tx.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"
                + " RETURN name, type, labelsOrTypes, properties ORDER BY name").list()) {
            String type = r.get("type").asString();
            if (type.contains("UNIQUENESS") || type.contains("KEY")) {
                List<String> props = r.get("properties").asList(v -> v.asString());
                for (String owner : r.get("labelsOrTypes").asList(v -> v.asString())) {
                    keys.computeIfAbsent(owner, k -> new ArrayList<>())
                            .add(new Key(r.get("name").asString(), props, type.contains("KEY")));
                }
            }
        }

        // Every count comes from the count store; asked in a few queries, since on a server that has not planned
        // them yet each distinct query costs a plan (a query per label-type pair took seconds on the sample graph).
        List<String> counted = new ArrayList<>();
        for (String label : labels) {
            counted.add("MATCH (n:" + quote(label) + ")");
        }
        for (String type : types) {
            counted.add("MATCH ()-[r:" + quote(type) + "]->()");
            for (String label : labels) {
                counted.add("MATCH (:" + quote(label) + ")-[r:" + quote(type) + "]->()");
                counted.add("MATCH ()-[r:" + quote(type) + "]->(:" + quote(label) + ")");
            }
        }
        long[] counts = counts(tx, counted);
        int at = 0;
        List<Table> tables = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        for (String label : labels) {
            tables.add(table(new TableId(store, TableId.LABELS, label), TableKind.LABEL, labelProps.get(label),
                    keys.getOrDefault(label, List.of()), counts[at++]));
        }
        for (String type : types) {
            TableId rel = new TableId(store, TableId.RELATIONSHIPS, type);
            tables.add(table(rel, TableKind.RELATIONSHIP, typeProps.get(type), keys.getOrDefault(type, List.of()),
                    counts[at++]));
            for (String label : labels) {
                if (counts[at++] > 0) {
                    references.add(endpoint(type + ".start", rel, START, new TableId(store, TableId.LABELS, label)));
                }
                if (counts[at++] > 0) {
                    references.add(endpoint(type + ".end", rel, END, new TableId(store, TableId.LABELS, label)));
                }
            }
        }
        tables.sort(Comparator.comparing(Table::id));
        references.sort(Comparator.comparing(Reference::from).thenComparing(Reference::name).thenComparing(Reference::to));
        return new StoreSchema(store, StoreKind.NEO4J, tables, references, SchemaFingerprint.of(store, tables, references));
    }

    private static void add(Map<String, Property> props, Record r) {
        if (r.get("propertyName").isNull()) {
            return;
        }
        Property p = props.computeIfAbsent(r.get("propertyName").asString(),
                k -> new Property(new TreeSet<>(), new boolean[] {false}));
        if (!r.get("propertyTypes").isNull()) {
            p.types().addAll(r.get("propertyTypes").asList(v -> v.asString()));
        }
        p.nullable()[0] |= !r.get("mandatory").asBoolean(false);
    }

    private static Table table(TableId id, TableKind kind, Map<String, Property> props, List<Key> keys, long count) {
        List<Column> columns = new ArrayList<>();
        props.forEach((name, p) -> columns.add(new Column(name, columns.size() + 1,
                p.types().isEmpty() ? "Any" : String.join("|", p.types()), p.nullable()[0], Column.Generation.NONE, null)));
        Key primary = keys.stream().filter(Key::primary).findFirst().orElse(null);
        List<Key> unique = keys.stream().filter(k -> !k.primary()).sorted(Comparator.comparing(Key::name)).toList();
        return new Table(id, kind, columns, primary, unique, List.of(), List.of(), count, -1);
    }

    private static Reference endpoint(String name, TableId rel, String column, TableId label) {
        return new Reference(name, rel, List.of(column), label, List.of(ELEMENT), false, false, Reference.Origin.GRAPH, null);
    }

    /** Patterns counted per query: one plan each, small enough for a graph of many labels and types. */
    static final int COUNTS_PER_QUERY = 64;

    /**
     * The number of matches of each {@code MATCH} pattern (one of a label's nodes, a type's relationships, or a
     * type's relationships at a label), in order; each is served by the count store, so none costs a scan.
     */
    private static long[] counts(TransactionContext tx, List<String> patterns) {
        long[] counts = new long[patterns.size()];
        for (String query : countQueries(patterns)) {
            for (Record r : tx.run(query).list()) {
                counts[r.get("i").asInt()] = r.get("n").asLong();
            }
        }
        return counts;
    }

    /**
     * The queries that count the patterns, {@value #COUNTS_PER_QUERY} a query, each branch returning its pattern's
     * index {@code i} and count {@code n}. The count is aggregated before the index is added: with the index beside
     * {@code count(*)} in one {@code RETURN} it is a grouping key, and Neo4j then counts by walking the relationships
     * instead of reading its count store (the large estate's graph of 490,000 relationships: its introspection took
     * 0.9 s, 0.35 s since; every service that reads or writes a graph introspects it).
     */
    static List<String> countQueries(List<String> patterns) {
        List<String> queries = new ArrayList<>();
        for (int from = 0; from < patterns.size(); from += COUNTS_PER_QUERY) {
            List<String> branches = new ArrayList<>();
            for (int i = from; i < Math.min(patterns.size(), from + COUNTS_PER_QUERY); i++) {
                branches.add(patterns.get(i) + " WITH count(*) AS n RETURN " + i + " AS i, n");
            }
            queries.add(String.join(" UNION ALL ", branches));
        }
        return queries;
    }

    private static List<String> strings(TransactionContext tx, String query) {
        return tx.run(query, Values.parameters()).list(r -> r.get(0).asString());
    }

    /** {@code :`ORDERS`} as {@code relTypeProperties} prints it, back to {@code ORDERS}. */
    static String relTypeName(String printed) {
        String s = printed.startsWith(":") ? printed.substring(1) : printed;
        return s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1).replace("``", "`") : s;
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
