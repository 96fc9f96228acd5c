package io.ferry.testkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Northwind on PostgreSQL: one INSERT per row, 14 tables, a self-referencing employee table. */
class NorthwindPostgresIT {

    @Test
    void loadsEveryRowOfTheInsertScript() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase("northwind");

        try (Connection c = pg.connect("northwind")) {
            SqlScriptRunner.run(c, Datasets.root().get().resolve("northwind/northwind-postgres.sql"));
        }

        try (Connection c = pg.connect("northwind")) {
            assertThat(TableCounts.of(c, "public")).isEqualTo(Map.ofEntries(
                    Map.entry("categories", 8L),
                    Map.entry("customer_customer_demo", 0L),
                    Map.entry("customer_demographics", 0L),
                    Map.entry("customers", 91L),
                    Map.entry("employee_territories", 49L),
                    Map.entry("employees", 9L),
                    Map.entry("order_details", 2155L),
                    Map.entry("orders", 830L),
                    Map.entry("products", 77L),
                    Map.entry("region", 4L),
                    Map.entry("shippers", 6L),
                    Map.entry("suppliers", 29L),
                    Map.entry("territories", 53L),
                    Map.entry("us_states", 51L)));
            assertThat(TableCounts.total(TableCounts.of(c, "public"))).isEqualTo(3362);
        }
    }
}
