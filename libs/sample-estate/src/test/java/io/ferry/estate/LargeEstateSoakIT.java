package io.ferry.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The large preset on real servers (soak tier: runs only under {@code -Psoak}). Prints the generation
 * time, which the benchmark ({@code ferry estate benchmark}) measures properly; asserts the footprint.
 */
class LargeEstateSoakIT {

    @Test
    void largePresetHasTheLargeDistrictFootprint() {
        EstateOptions options = new EstateOptions(Preset.LARGE, 1L, Instant.parse("2025-03-14T12:00:00Z"), null);
        try (PostgresServer prodPg = PostgresServer.startTemporary();
             PostgresServer certPg = PostgresServer.startTemporary();
             Neo4jServer prodSp = Neo4jServer.startTemporary();
             Neo4jServer certSp = Neo4jServer.startTemporary()) {
            EstateReport report = EstateBenchmark.timed(new EstateServers(prodPg, certPg, prodSp, certSp), options);

            DistrictSummary first = report.rank(1);
            assertThat(first.code()).isEqualTo("district-001");
            assertThat(first.students()).isEqualTo(75_000);
            assertThat(first.staff()).isEqualTo(8_000);
            assertThat(first.schools()).isEqualTo(150);
            assertThat(first.rows()).isGreaterThanOrEqualTo(850_000);
            assertThat(report.districts()).hasSize(12);
        }
    }
}
