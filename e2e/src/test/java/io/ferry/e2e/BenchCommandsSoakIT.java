package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.testkit.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two benchmark commands as README shows them, on the small estate (they are benchmarks: -Psoak only):
 * {@code ferry bench} migrates the top-ranked district end to end (after the next district's migration and rollback
 * and a dry run of the top-ranked one, or cold with {@code --cold}) and times the baseline, {@code ferry estate
 * benchmark} times estate generations and reports the median.
 */
class BenchCommandsSoakIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void benchMigratesTheTopDistrictAndWritesItsFiguresBesideTheBaselines(@TempDir Path dir) throws Exception {
        Cli.Result bench = bench("bench", "--preset", "small", "--dir", dir.toString());
        assertThat(bench.code()).as(bench.toString()).isZero();
        assertThat(bench.out()).contains("Ferry / baseline", "warm-up, a migration of district-002 into CERT",
                "warm-up, a dry run of district-001");

        List<Path> reports;
        try (Stream<Path> files = Files.list(dir.resolve("bench"))) {
            reports = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(reports).hasSize(1);
        JsonNode report = JSON.readTree(reports.get(0).toFile());
        assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("preset").asText()).isEqualTo("small");
        assertThat(report.path("district").asText()).isEqualTo("district-001");
        assertThat(report.path("warmUp").asText()).isEqualTo("district-001");
        assertThat(report.path("warmUpLoad").asText()).isEqualTo("district-002");
        assertThat(report.path("rows").asLong()).isPositive();
        assertThat(report.path("totalSeconds").asDouble()).isPositive();
        assertThat(report.path("phases").findValuesAsText("phase")).contains("preflight", "extract", "anonymize",
                "leakcheck", "validate", "load");
        JsonNode rss = report.path("peakRssBytes");
        JsonNode cpu = report.path("cpuSeconds");
        for (String service : List.of("extractor", "anonymizer", "validator", "loader", "coordinator")) {
            assertThat(rss.path(service).asLong()).as("peak RSS of the %s", service).isPositive();
            JsonNode used = cpu.path(service);
            assertThat(used.path("seconds").asDouble()).as("CPU of the %s in the run", service).isPositive()
                    .isGreaterThanOrEqualTo(used.path("jit").asDouble() + used.path("gc").asDouble());
        }
        JsonNode graphJvm = report.path("graphJvmCpuSeconds");
        assertThat(graphJvm.path("seconds").asDouble()).as("CPU of the estate's JVM in the run").isPositive()
                .isGreaterThanOrEqualTo(graphJvm.path("jit").asDouble() + graphJvm.path("gc").asDouble());
        assertThat(bench.out()).containsPattern("Neo4j and Kafka [0-9.]+ s of which JIT [0-9.]+ s and GC [0-9.]+ s");
        assertThat(report.path("baseline").path("rowsCopied").asLong()).isPositive();
        assertThat(report.path("ratioToBaseline").asDouble()).isPositive();
    }

    @Test
    void aColdBenchMeasuresTheServicesFirstRun(@TempDir Path dir) throws Exception {
        Cli.Result bench = bench("bench", "--preset", "small", "--dir", dir.toString(), "--cold");
        assertThat(bench.code()).as(bench.toString()).isZero();
        assertThat(bench.out()).contains("Services cold: the measured run is their first.").doesNotContain("warm-up");
        try (Stream<Path> files = Files.list(dir.resolve("bench"))) {
            JsonNode report = JSON.readTree(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow()
                    .toFile());
            assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(report.path("warmUp").isNull()).as("warmUp of %s", report).isTrue();
            assertThat(report.path("warmUpLoad").isNull()).as("warmUpLoad of %s", report).isTrue();
        }
    }

    /** {@code ferry bench ...} with the repository as the services' home. */
    private static Cli.Result bench(String... args) {
        String home = System.getProperty("ferry.home");
        System.setProperty("ferry.home", Datasets.repoRoot().toString()); // where the services' applications are
        try {
            return Cli.run(args);
        } finally {
            if (home == null) {
                System.clearProperty("ferry.home");
            } else {
                System.setProperty("ferry.home", home);
            }
        }
    }

    @Test
    void estateBenchmarkTimesGenerationsAndReportsTheirMedian() {
        Cli.Result run = Cli.run("estate", "benchmark", "--preset", "small", "--runs", "1", "--seed", "7");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("estate small: median \\d+\\.\\d s over 1 run\\(s\\)");
    }
}
