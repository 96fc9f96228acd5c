package io.ferry.estate;

import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;

/** The four servers of an estate: one PostgreSQL and one Neo4j per environment (any may be null). */
public record EstateServers(PostgresServer prodPg, PostgresServer certPg, Neo4jServer prodSp, Neo4jServer certSp)
        implements AutoCloseable {

    /** Stops every server, even when one fails to stop; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable server : new AutoCloseable[] {prodPg, certPg, prodSp, certSp}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
