package io.ferry.cert;

import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Link;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.ResolvedConnection;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.Secret;
import org.neo4j.driver.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ferry init-target}: prepares every CERT store of a spec, after proving that none of them is a
 * standby or one of PROD's databases. PROD is only read (its identity), in read-only sessions.
 */
public final class InitTarget {

    /** What was done to one store, for the command's output. */
    public record StoreReport(String store, StoreKind kind, String detail) {
    }

    /**
     * A user (and password) with the right to create the schema and grant privileges.
     *
     * @param whenRefused what a store's refusal of this user adds to the message (where its password comes from),
     *                    or null
     */
    public record Admin(String user, Secret password, String whenRefused) {

        public Admin(String user, Secret password) {
            this(user, password, null);
        }
    }

    private InitTarget() {
    }

    /**
     * @param admin the role to prepare PostgreSQL stores as, or null to prepare each store as the spec's cert user
     *              itself
     */
    public static List<StoreReport> run(Spec spec, Resolver resolver, Admin admin) throws SQLException {
        Map<String, DatabaseIdentity> prodDatabases = new LinkedHashMap<>();
        List<String> prodGraphs = new ArrayList<>();
        for (Store store : spec.stores().values()) {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver prod = StoreConnector.openNeo4j(store.name(), "prod", resolver.resolve(store.prod()))) {
                    prodGraphs.add(GraphTarget.storeId(prod));
                }
            } else {
                try (Connection prod = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()),
                        true)) {
                    prodDatabases.put(store.name(), DatabaseIdentity.of(prod));
                }
            }
        }
        List<StoreReport> reports = new ArrayList<>();
        for (Store store : spec.stores().values()) {
            ResolvedConnection cert = resolver.resolve(store.cert());
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver driver = StoreConnector.openNeo4j(store.name(), "cert", cert)) {
                    GraphTarget.guard(store.name(), driver, prodGraphs);
                    Map<String, String> keys = mergeKeys(spec, store.name());
                    GraphTarget.prepare(store.name(), driver, keys, prodGraphs);
                    reports.add(new StoreReport(store.name(), store.kind(), "marked cert; " + keys.size()
                            + " merge key constraint(s)"));
                }
                continue;
            }
            ResolvedConnection session = admin == null ? cert
                    : new ResolvedConnection(cert.url(), admin.user(), admin.password());
            try (Connection c = openCert(store.name(), session, admin)) {
                PostgresTarget.guard(store.name(), c, List.copyOf(prodDatabases.values()));
                String version = PostgresTarget.prepare(store.name(), c, session.url(), session.user(),
                        session.password() == null ? null : session.password().reveal(), cert.user());
                PostgresTarget.rememberProd(c, prodDatabases);
                reports.add(new StoreReport(store.name(), store.kind(), "ferry schema at version " + version
                        + ", marked cert, " + cert.user() + " may suppress triggers"));
            }
        }
        return reports;
    }

    /** A CERT session as the admin (or the spec's cert user); a refused admin is named, with its hint. */
    private static Connection openCert(String store, ResolvedConnection session, Admin admin) {
        try {
            return StoreConnector.openPostgres(store, "cert", session, false);
        } catch (StoreUnavailableException e) {
            if (admin == null || admin.whenRefused() == null || e.reason() != StoreUnavailableException.Reason.REFUSED) {
                throw e;
            }
            throw new StoreUnavailableException(StoreUnavailableException.Reason.REFUSED, "store " + store + " (cert, "
                    + session.url() + ") refused admin user " + admin.user() + ": " + admin.whenRefused());
        }
    }

    /** The property each label of the store is linked by in the spec: what the loader merges its nodes on. */
    public static Map<String, String> mergeKeys(Spec spec, String store) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Link link : spec.links()) {
            TableId from = link.from().table();
            if (from.store().equals(store) && from.schema().equals(TableId.LABELS) && link.from().columns().size() == 1) {
                keys.putIfAbsent(from.name(), link.from().columns().get(0));
            }
        }
        return keys;
    }
}
