package io.ferry.estate;

import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;

/** The four servers of an estate: one PostgreSQL and one Neo4j per environment. */
public record EstateServers(PostgresServer prodPg, PostgresServer certPg, Neo4jServer prodSp, Neo4jServer certSp) {
}
