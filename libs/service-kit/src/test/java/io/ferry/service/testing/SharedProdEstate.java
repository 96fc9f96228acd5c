package io.ferry.service.testing;

import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.time.Instant;

/**
 * The small sample estate's PROD (seed 42, as of 2026-09-01) once per test JVM: its PostgreSQL databases on a server
 * and its {@code sp} graph on a Neo4j server, each generated on first use and stopped by a shutdown hook. Tests only
 * read it (a loader test that points a load at PROD checks that nothing was written there); CERT, which tests write,
 * stays each class's own. A module's plain JUnit classes pay for PROD once instead of once per class. A Quarkus test
 * resource runs in the class loader of its test application, which Quarkus makes anew for each application, so each
 * such application gets a PROD of its own, as before (in the loader's tests: three PRODs generated where there were
 * four, the module 16 s faster).
 *
 * <p>{@link #postgres} stays a primary: the loader's tests prove that a load aimed at PROD's own database is refused
 * by its identity, which a standby would refuse earlier for being one. {@link #standby} is PROD as production runs
 * it for Ferry, a hot standby (the extractor's tests), on a server of its own.
 */
public final class SharedProdEstate {

    /** What every test of the services generates: PROD here, CERT in each class. */
    public static final EstateOptions OPTIONS = new EstateOptions(Preset.SMALL, 42,
            Instant.parse("2026-09-01T00:00:00Z"), null);

    private static PostgresServer postgres;
    private static PostgresServer standby;
    private static Neo4jServer graph;
    private static boolean hookAdded;

    private SharedProdEstate() {
    }

    /** PROD's PostgreSQL server with the estate's databases. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = generatedPostgres();
        }
        return postgres;
    }

    /** PROD's PostgreSQL server with the estate's databases, restarted as a hot standby: nothing can write to it. */
    public static synchronized PostgresServer standby() {
        if (standby == null) {
            PostgresServer server = generatedPostgres();
            try {
                server.restartAsStandby();
            } catch (RuntimeException e) {
                server.close(); // not held yet, so the shutdown hook would leave it running
                throw e;
            }
            standby = server;
        }
        return standby;
    }

    /** A new server with PROD's databases, stopped at the JVM's exit. */
    private static PostgresServer generatedPostgres() {
        addShutdownHook();
        PostgresServer server = PostgresServer.startTemporary();
        SampleEstate.generate(new EstateServers(server, null, null, null), OPTIONS);
        return server;
    }

    /** PROD's graph ({@code sp}). */
    public static synchronized Neo4jServer graph() {
        if (graph == null) {
            addShutdownHook();
            Neo4jServer server = Neo4jServer.startTemporary();
            SampleEstate.generate(new EstateServers(null, null, server, null), OPTIONS);
            graph = server;
        }
        return graph;
    }

    /** CERT's share of the same estate (what CERT held before Ferry), on servers of the caller's. */
    public static void generateCert(PostgresServer certPg, Neo4jServer certGraph) {
        SampleEstate.generate(new EstateServers(null, certPg, null, certGraph), OPTIONS);
    }

    private static void addShutdownHook() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedProdEstate::stopAll, "ferry-shared-prod-shutdown"));
            hookAdded = true;
        }
    }

    private static synchronized void stopAll() {
        if (graph != null) {
            graph.close();
        }
        for (PostgresServer server : new PostgresServer[] {postgres, standby}) {
            if (server != null) {
                server.close();
            }
        }
    }
}
