package io.ferry.coordinator.persistence;

import io.ferry.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database on the server with the coordinator's schema, migrated as the service does at start. */
public final class MigratedDatabase {

    private MigratedDatabase() {
    }

    public static PGSimpleDataSource create(PostgresServer server, String name) {
        server.createDatabase(name);
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(server.jdbcUrl(name));
        db.setUser(PostgresServer.SUPERUSER);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        return db;
    }
}
