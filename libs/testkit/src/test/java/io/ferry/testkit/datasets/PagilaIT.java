package io.ferry.testkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Pagila, a real pg_dump with 21 COPY blocks, functions, domains, triggers and a partitioned table. */
class PagilaIT {

    @Test
    void loadsEveryRowOfThePlainDump() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase("pagila");

        SqlScriptRunner.Result result;
        try (Connection c = pg.connect("pagila")) {
            result = SqlScriptRunner.run(c, Datasets.root().get().resolve("pagila/pagila.sql"));
        }

        assertThat(result.copiedRows()).isEqualTo(46_273);
        try (Connection c = pg.connect("pagila"); Statement st = c.createStatement()) {
            Map<String, Long> counts = TableCounts.of(c, "public");
            assertThat(TableCounts.total(counts)).isEqualTo(46_273);
            assertThat(counts).containsEntry("actor", 200L)
                    .containsEntry("address", 603L)
                    .containsEntry("film", 1000L)
                    .containsEntry("film_actor", 5462L)
                    .containsEntry("inventory", 4581L)
                    .containsEntry("rental", 16_044L)
                    .containsEntry("payment_p2022_01", 723L)
                    .containsEntry("staff", 2L);
            assertThat(scalar(st, "SELECT count(*) FROM public.payment")).isEqualTo(16_049);
            // Dollar-quoted function bodies and the fulltext trigger survived the load.
            assertThat(scalar(st, "SELECT count(*) FROM public.film WHERE fulltext @@ to_tsquery('english', 'dinosaur')"))
                    .isGreaterThan(0);
            assertThat(scalar(st, "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    + " WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace")).isGreaterThanOrEqualTo(14);
            assertThat(scalar(st, "SELECT count(*) FROM pg_type WHERE typtype = 'd'"
                    + " AND typnamespace = 'public'::regnamespace")).isEqualTo(2);
        }
    }

    private static long scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
