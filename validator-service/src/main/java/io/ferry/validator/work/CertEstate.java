package io.ferry.validator.work;

import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.service.InOrder;
import io.ferry.service.StepFailure;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import org.neo4j.driver.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CERT's live schema, introspected store by store through the spec's CERT connections, with the spec's
 * references added, and the fingerprint of each store's schema for the loader: a database's structure, a graph's
 * constraints ({@link Neo4jIntrospector#constraintsFingerprint}; its labels and properties change with every load).
 */
public record CertEstate(EstateSchema schema, Map<String, String> fingerprints) {

    public static CertEstate introspect(Spec spec, Resolver resolver) {
        // One store's catalog queries do not wait for another's.
        List<Introspected> each = InOrder.map(List.copyOf(spec.stores().values()), PARALLEL_STORES, "cert-schema",
                store -> introspect(store, resolver));
        List<StoreSchema> stores = new ArrayList<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (Introspected one : each) {
            stores.add(one.schema());
            fingerprints.put(one.schema().store(), one.fingerprint());
        }
        EstateSchema schema = new EstateSchema(stores, List.of());
        return new CertEstate(schema.withSpecReferences(spec.specReferences(schema)), fingerprints);
    }

    /** Stores read or checked at once. */
    static final int PARALLEL_STORES = Math.max(2, Runtime.getRuntime().availableProcessors());

    private record Introspected(StoreSchema schema, String fingerprint) {
    }

    private static Introspected introspect(Store store, Resolver resolver) {
        if (store.kind() == StoreKind.NEO4J) {
            try (Driver driver = openGraph(store, resolver)) {
                return new Introspected(new Neo4jIntrospector().introspect(driver, store.name()),
                        new Neo4jIntrospector().constraintsFingerprint(driver, store.name()));
            }
        }
        StoreSchema schema = postgres(store, resolver);
        return new Introspected(schema, schema.fingerprint());
    }

    /** A session on the store's CERT database, for checks; the caller closes it. */
    public static Connection open(Store store, Resolver resolver) {
        try {
            return StoreConnector.openPostgres(store.name(), "cert", resolver.resolve(store.cert()), false);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    /**
     * A session for checks in one transaction (the caller rolls it back): CERT's users are protected by the
     * statement timeout given and a 5 s lock timeout.
     */
    public static Connection checkSession(Store store, Resolver resolver, Duration statementTimeout)
            throws SQLException {
        Connection c = open(store, resolver);
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
                st.execute("SET LOCAL lock_timeout = 5000");
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static StoreSchema postgres(Store store, Resolver resolver) {
        try (Connection c = open(store, resolver)) {
            return new PostgresIntrospector().introspect(c, store.name(), store.schemas());
        } catch (SQLException e) {
            throw StepFailure.transientFailure("CERT_UNREACHABLE", "introspecting store " + store.name()
                    + " (cert) failed (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** A driver for the store's CERT graph, for checks; the caller closes it. */
    public static Driver openGraph(Store store, Resolver resolver) {
        try {
            return StoreConnector.openNeo4j(store.name(), "cert", resolver.resolve(store.cert()));
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static StepFailure unavailable(StoreUnavailableException e) {
        return e.reason() == StoreUnavailableException.Reason.UNREACHABLE
                ? StepFailure.transientFailure("CERT_UNREACHABLE", e.getMessage(), e)
                : StepFailure.fatal("CERT_REFUSED", e.getMessage());
    }
}
