package io.ferry.testkit.quarkus;

import io.ferry.testkit.SharedServers;
import io.ferry.testkit.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a Quarkus test at the module's shared PostgreSQL 18 server, with Dev Services off.
 *
 * <p>Init arg {@value #DATABASES} names the databases to create (comma-separated, default
 * {@code ferry}); they are kept until the JVM exits, so test classes sharing a name share its data.
 * The first database is the default datasource; every database {@code NAME} is also given as
 * {@code ferry.test.postgres.NAME.url} and {@code .user} for code that connects on its own
 * (superuser, no password: the server trusts loopback connections).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASES = "databases";

    private List<String> databases = List.of("ferry");

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.get(DATABASES);
        if (names != null && !names.isBlank()) {
            databases = Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = SharedServers.postgres();
        Map<String, String> config = new HashMap<>();
        for (String database : databases) {
            postgres.ensureDatabase(database);
            config.put("ferry.test.postgres." + database + ".url", postgres.jdbcUrl(database));
            config.put("ferry.test.postgres." + database + ".user", PostgresServer.SUPERUSER);
        }
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(databases.getFirst()));
        config.put("quarkus.datasource.username", PostgresServer.SUPERUSER);
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The server is shared by every test class of the module; SharedServers stops it at JVM exit.
    }
}
