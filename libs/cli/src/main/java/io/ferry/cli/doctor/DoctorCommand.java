package io.ferry.cli.doctor;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.GraphTarget;
import io.ferry.cli.spec.SpecSession;
import io.ferry.schema.model.StoreKind;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.Neo4jException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry doctor --spec S}: an operator's preflight before the first run. Checks every store's connection and
 * privileges, that PROD is read-only (a hot standby, or a role that cannot write, with standby settings that let long
 * snapshots finish), that each CERT store is prepared and is not PROD, that Kafka has Ferry's topics with their
 * partitions, that staging is writable with room, and that the anonymization key is there. Reads only; a line per
 * finding on stdout; exit 0 when nothing failed (warnings are advice), 1 otherwise.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check what a run needs before the first one: store connections and privileges, PROD read-only"
                + " (and its standby settings), each CERT store prepared and not PROD, Kafka's topics and partitions,"
                + " staging writable with room, the anonymization key. Reads only. Exit 0 when nothing FAILed.")
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka's bootstrap servers; default: kafka.bootstrap.servers in the estate.properties beside the spec.")
    String kafka;

    @Option(names = "--staging", paramLabel = "ROOT",
            description = "The services' staging root; default: staging.root in the estate.properties beside the spec.")
    Path staging;

    @Override
    public Integer call() {
        SpecSession session = SpecSession.open(spec);
        Spec parsed = session.spec();
        Path folder = spec.toAbsolutePath().getParent();
        Resolver resolver = Resolver.forFolder(folder);
        List<Check> checks = new ArrayList<>();
        Map<String, Connection> prodPg = new LinkedHashMap<>();
        List<String> prodGraphs = new ArrayList<>();
        long prodBytes = 0;
        try {
            for (Store store : parsed.stores().values()) {
                try {
                    if (store.kind() == StoreKind.NEO4J) {
                        try (Driver d = StoreConnector.openNeo4j(store.name(), "prod", resolver.resolve(store.prod()))) {
                            checks.add(GraphChecks.prod(store.name()));
                            prodGraphs.add(GraphTarget.storeId(d));
                        }
                    } else {
                        Connection c = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()), true);
                        prodPg.put(store.name(), c);
                        checks.addAll(PostgresChecks.prod(store.name(), store.schemas(), c));
                        prodBytes += databaseSize(c);
                    }
                } catch (StoreUnavailableException e) {
                    checks.add(Check.fail("prod " + store.name(), e.getMessage()));
                } catch (SQLException e) {
                    checks.add(Check.fail("prod " + store.name(), "checking failed (SQLSTATE " + e.getSQLState() + ")"));
                } catch (Neo4jException e) {
                    checks.add(Check.fail("prod " + store.name(), "checking failed (" + e.code() + ")"));
                }
            }
            List<DatabaseIdentity> prodIds = new ArrayList<>();
            for (Connection c : prodPg.values()) {
                try {
                    prodIds.add(DatabaseIdentity.of(c));
                } catch (SQLException e) {
                    // that store's line already says what is wrong with it
                }
            }
            for (Store store : parsed.stores().values()) {
                checks.addAll(cert(store, resolver, prodIds, prodGraphs));
            }
        } finally {
            prodPg.values().forEach(DoctorCommand::close);
        }
        String bootstrap = kafka != null ? kafka : resolver.lookup("kafka.bootstrap.servers").orElse(null);
        checks.addAll(bootstrap == null ? List.of(Check.warn("kafka", "not checked: pass --kafka HOST:PORT"))
                : KafkaCheck.check(bootstrap));
        Path root = staging != null ? staging : resolver.lookup("staging.root").map(Path::of).orElse(null);
        checks.addAll(root == null ? List.of(Check.warn("staging", "not checked: pass --staging ROOT"))
                : StagingCheck.check(root, prodBytes));
        checks.addAll(KeyCheck.check(folder, parsed.anonymize()));
        checks.forEach(c -> System.out.println(c.line()));
        return Check.exitCode(checks);
    }

    private static List<Check> cert(Store store, Resolver resolver, List<DatabaseIdentity> prodIds, List<String> prodGraphs) {
        try {
            if (store.kind() == StoreKind.NEO4J) {
                try (Driver d = StoreConnector.openNeo4j(store.name(), "cert", resolver.resolve(store.cert()))) {
                    return List.of(GraphChecks.cert(store.name(), d, prodGraphs));
                }
            }
            var resolved = resolver.resolve(store.cert());
            try (Connection c = StoreConnector.openPostgres(store.name(), "cert", resolved, false)) {
                return PostgresChecks.cert(store.name(), c, prodIds, resolved.user());
            }
        } catch (StoreUnavailableException e) {
            return List.of(Check.fail("cert " + store.name(), e.getMessage()));
        } catch (SQLException e) {
            return List.of(Check.fail("cert " + store.name(), "checking failed (SQLSTATE " + e.getSQLState() + ")"));
        } catch (Neo4jException e) {
            return List.of(Check.fail("cert " + store.name(), "checking failed (" + e.code() + ")"));
        }
    }

    private static long databaseSize(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a read-only session: nothing to lose
        }
    }
}
