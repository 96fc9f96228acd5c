package io.ferry.e2e;

import io.ferry.schema.model.StoreKind;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.EstateProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * What CERT holds outside Ferry's own bookkeeping, per store: every table of the spec's schemas (row count and an
 * md5 over its rows' text, sorted) and the graph's nodes and relationships without Ferry's labels and stamps. Two
 * loads of one district that end with equal contents wrote the same rows under the same keys.
 */
final class CertContents {

    private CertContents() {
    }

    static Map<String, String> of(Spec spec, EstateProperties estate) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (Store store : spec.stores().values()) {
            String url = estate.require("cert." + store.name() + ".url");
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver d = GraphDatabase.driver(url, AuthTokens.none())) {
                    List<String> graph = graph(d);
                    out.put(store.name() + " graph", graph.size() + " " + graph.hashCode());
                }
                continue;
            }
            // the estate's superuser is trusted on localhost
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                        + " AND NOT c.relispartition AND n.nspname = ANY ('{" + String.join(",", store.schemas()) + "}')"
                        + " ORDER BY 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String t : tables) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text))"
                            + " FROM " + t + " t")) {
                        rs.next();
                        out.put(store.name() + " " + t, rs.getLong(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /** Nodes and relationships as sorted text, Ferry's labels, nodes and {@code _ferry} stamps left out. */
    private static List<String> graph(Driver driver) {
        List<String> contents = new ArrayList<>();
        try (Session session = driver.session()) {
            for (Record r : session.run("MATCH (n) WHERE none(l IN labels(n) WHERE l STARTS WITH 'Ferry')"
                    + " RETURN [l IN labels(n) | l] AS l, [k IN keys(n) WHERE NOT k STARTS WITH '_ferry' | [k, n[k]]] AS p")
                    .list()) {
                contents.add(r.get("l").asList().stream().sorted().toList() + " " + sorted(r.get("p").asList()));
            }
            for (Record r : session.run("MATCH (a)-[x]->(b) WHERE none(l IN labels(a) WHERE l STARTS WITH 'Ferry')"
                    + " RETURN type(x) AS t, [k IN keys(x) WHERE NOT k STARTS WITH '_ferry' | [k, x[k]]] AS p,"
                    + " [k IN keys(a) WHERE NOT k STARTS WITH '_ferry' | [k, a[k]]] AS a,"
                    + " [k IN keys(b) WHERE NOT k STARTS WITH '_ferry' | [k, b[k]]] AS b").list()) {
                contents.add(r.get("t").asString() + " " + sorted(r.get("p").asList()) + " " + sorted(r.get("a").asList())
                        + " " + sorted(r.get("b").asList()));
            }
        }
        return contents.stream().sorted().toList();
    }

    private static String sorted(List<Object> pairs) {
        return pairs.stream().map(String::valueOf).sorted().toList().toString();
    }
}
