package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry demo} without {@code --keep}, as a newcomer runs it: the small estate brought up, district-001
 * migrated to {@code SUCCEEDED}, the reports written, and at the end every process the demo started stopped. It is
 * the demo the other classes shared ({@link SharedDemo}), let go to its end once they are done, so "every process"
 * includes the replicas they added and the services the crash tests had restarted.
 */
@Order(Integer.MAX_VALUE)
class DemoToTheEndIT {

    @Test
    void migratesTheTopDistrictThenStopsEveryProcessItStarted() throws Exception {
        SharedDemo shared = SharedDemo.get();
        Path dir = shared.dir;
        SharedDemo.Ending ending = shared.finish();
        int code = ending.code();
        String output = ending.output();

        assertThat(code).as(output).isZero();
        assertThat(output).contains("demo: run mig-", "Logs: no honeytoken in").doesNotContain("everything keeps running");

        // The reports of the run, where the demo said they are.
        List<Path> reports;
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            reports = files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        assertThat(reports).hasSize(1);
        assertThat(output).contains(reports.get(0).toString());
        JsonNode report = new ObjectMapper().readTree(reports.get(0).toFile());
        assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("district").asText()).isEqualTo("district-001");

        // Nothing it started is left: the five services and the estate's host and servers (each runs with a folder
        // of the demo's in its command line), their pid file, the API's port.
        assertThat(dir.resolve("services.pids")).doesNotExist();
        assertThat(DemoFolder.processes(dir)).isEmpty();
        URI api = DemoFolder.api(dir);
        assertThat(DemoFolder.closed(api)).as("the API at %s is closed", api).isTrue();
    }
}
