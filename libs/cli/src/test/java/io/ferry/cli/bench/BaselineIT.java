package io.ferry.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.SharedEstate;
import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's baseline on the small estate: every row of district-001's closure in a table with a primary key is
 * copied out of PROD and into the scratch copy of CERT's tables, and CERT keeps nothing of it.
 */
class BaselineIT {

    @Test
    void copiesExactlyTheClosuresRowsAndLeavesCertAsItWas() throws Exception {
        Path estate = SharedEstate.small();
        Spec spec = SpecSession.open(estate.resolve("ferry.yaml")).spec();
        EstateProperties properties = EstateProperties.read(estate.resolve("estate.properties"));
        long certBefore = certTables(properties);

        List<Baseline.Result> twice = Baseline.measure(spec, Resolver.forFolder(estate), properties, "district-001", 2);

        assertThat(twice).hasSize(2);
        Baseline.Result result = twice.get(0);
        assertThat(twice.get(1).rows()).as("the second measurement copies the same rows").isEqualTo(result.rows());
        assertThat(twice.get(1).closureKeys()).isEqualTo(result.closureKeys());
        assertThat(twice.get(1).firstClosureSeconds()).as("one warm-up closure for both")
                .isEqualTo(result.firstClosureSeconds());

        assertThat(result.stores()).extracting(Baseline.StoreCopy::store).containsExactly("ids", "hcp1", "hcp2", "adb");
        long keyless = result.stores().stream().mapToLong(Baseline.StoreCopy::keylessRows).sum();
        assertThat(result.rows() + keyless).as("every row of the closure, copied or counted").isEqualTo(result.closureKeys());
        assertThat(result.rows()).isGreaterThan(10_000);
        assertThat(result.stores()).allSatisfy(s -> {
            assertThat(s.bytes()).isPositive();
            assertThat(s.outSeconds()).isPositive();
            assertThat(s.inSeconds()).isPositive();
        });
        assertThat(result.closureSeconds()).isPositive();
        assertThat(result.firstClosureSeconds()).as("the warm-up closure is timed apart").isPositive();
        assertThat(certTables(properties)).as("the scratch copies were rolled back").isEqualTo(certBefore);
    }

    /** Tables in CERT's four databases, Ferry's scratch schema included if it were left. */
    private static long certTables(EstateProperties properties) throws Exception {
        long tables = 0;
        for (String store : List.of("ids", "hcp1", "hcp2", "adb")) {
            try (Connection c = DriverManager.getConnection(properties.require("cert." + store + ".url"), "postgres", "");
                    Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class"
                            + " WHERE relkind IN ('r', 'p') AND relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE"
                            + " nspname IN ('pg_catalog', 'information_schema'))")) {
                rs.next();
                tables += rs.getLong(1);
            }
        }
        return tables;
    }
}
