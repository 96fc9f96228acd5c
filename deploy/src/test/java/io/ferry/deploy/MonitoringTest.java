package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The alert rules watch the metrics the services register, under the names Prometheus gives them. */
class MonitoringTest {

    @Test
    void theAlertsTheIssueAsksForWatchTheirMetrics() {
        Map<String, String> alerts = alerts();
        assertThat(alerts.get("FerryCompensationFailed")).contains("ferry_runs{status=\"COMPENSATION_FAILED\"}");
        assertThat(alerts.get("FerryRunStuck")).contains("ferry_runs_unchanged_seconds");
        assertThat(alerts.get("FerryPhaseLagGrowing")).contains("kafka_consumergroup_lag");
        assertThat(alerts.get("FerryRawBatchesOlderThanSweepAge")).contains("ferry_staging_raw_oldest_seconds");
    }

    @Test
    void everyFerryMetricAnAlertNamesIsRegisteredByTheCoordinator() throws IOException {
        String coordinatorSources = sources(Manifests.repoRoot().resolve("coordinator-service/src/main/java"));
        // Micrometer names: dots become underscores, a base unit of seconds becomes a _seconds suffix.
        assertThat(coordinatorSources).contains("\"ferry.runs\"", "\"ferry.runs.unchanged\"", "\"ferry.staging.raw.oldest\"");
        String thresholdOfRawAlert = alerts().get("FerryRawBatchesOlderThanSweepAge").replaceAll(".*> *", "").trim();
        assertThat(Long.parseLong(thresholdOfRawAlert)).as("the services' default raw-age, 1h").isEqualTo(3600);
    }

    private static Map<String, String> alerts() {
        List<GenericKubernetesResource> rules = Manifests.of("base").custom("PrometheusRule");
        assertThat(rules).hasSize(1);
        Map<String, String> alerts = new TreeMap<>();
        List<Map<String, Object>> groups = rules.getFirst().get("spec", "groups");
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> groupRules = (List<Map<String, String>>) group.get("rules");
            groupRules.forEach(rule -> alerts.put(rule.get("alert"), rule.get("expr")));
        }
        return alerts;
    }

    private static String sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }
}
