package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pagila on a hot standby, planned with {@code specs/pagila/ferry.yaml} as written: each store's closure
 * equals, key for key, the hand-written SQL of {@code src/test/resources/closure/pagila/}, and the
 * cross-tenant report names exactly the other store's customers and staff that the store's rentals and
 * payments pull in.
 */
class PagilaClosureIT {
    private static final Path SQL = Path.of("src/test/resources/closure/pagila");

    @TempDir
    static Path folder;
    private static DatasetEstate pagila;

    @BeforeAll
    static void pagilaOnAHotStandby() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        pagila = DatasetEstate.load("pagila", "pagila/pagila.sql", "pagila", folder, Map.of());
    }

    @AfterAll
    static void stop() {
        if (pagila != null) {
            pagila.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void storeMatchesTheHandWrittenClosureAndCrossTenantRows(String store, @TempDir Path keys) throws Exception {
        DatasetEstate.Planned p = pagila.planAndCompare(store, SQL, keys);

        assertThat(p.failures()).isEmpty();
        assertThat(p.plan().dangling()).isEmpty();
        List<String> expected = pagila.report(store, SQL, "_cross_tenant.sql").stream()
                .map(r -> r.get(0) + "[" + r.get(1) + "] " + r.get(2)).toList();
        assertThat(expected).isNotEmpty();
        assertThat(p.plan().crossTenant()).extracting(c -> c.table() + "[" + c.key() + "] " + c.owner())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(p.plan().crossTenant()).allSatisfy(c -> assertThat(c.path()).hasSizeGreaterThanOrEqualTo(2));
    }
}
