package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Northwind's PostgreSQL store on a hot standby, planned with {@code specs/northwind/ferry.yaml}: a
 * customer's closure equals, key for key, the hand-written SQL of
 * {@code src/test/resources/closure/northwind/}. The graph store is left out (the engine does not
 * traverse it yet), and with it the links that start in the graph. FISSA has no orders.
 */
class NorthwindClosureIT {
    private static final Path SQL = Path.of("src/test/resources/closure/northwind");

    @TempDir
    static Path folder;
    private static DatasetEstate northwind;

    @BeforeAll
    static void northwindOnAHotStandby() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        northwind = DatasetEstate.load("nw", "northwind/northwind-postgres.sql", "northwind", folder,
                Map.of("prod.graph.url", "bolt://127.0.0.1:7687", "cert.graph.url", "bolt://127.0.0.1:7687"));
    }

    @AfterAll
    static void stop() {
        if (northwind != null) {
            northwind.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALFKI", "QUICK", "FISSA"})
    void customerMatchesTheHandWrittenClosure(String customer, @TempDir Path keys) throws Exception {
        DatasetEstate.Planned p = northwind.planAndCompare(customer, SQL, keys);

        assertThat(p.failures()).isEmpty();
        assertThat(p.plan().crossTenant()).isEmpty();
        assertThat(p.plan().dangling()).isEmpty();
    }
}
