package io.ferry.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseServiceSettingsTest {

    private static final EstateProperties ESTATE = new EstateProperties(Map.of(
            "kafka.bootstrap.servers", "127.0.0.1:9092", "staging.root", "/tmp/staging", "spec", "/tmp/spec.yaml",
            "coordinator.db.url", "jdbc:postgresql://127.0.0.1/ferry", "coordinator.db.user", "ferry",
            "coordinator.db.password", "secret"));

    private static PhaseService service(String name) {
        return PhaseService.of(name, Path.of("/repo"), Path.of("/demo"), Path.of("/demo/estate"), ESTATE,
                new DemoSecrets(Path.of("/demo/estate/raw-key"), "dictionary-key"), 8080, "demo", "password");
    }

    @Test
    void everyServiceRejoinsItsConsumerGroupsWithinSecondsOfARestart() {
        for (String name : PhaseService.NAMES) {
            PhaseService s = service(name);
            int session = Integer.parseInt(s.settings().get("kafka.session.timeout.ms"));
            // under the client's default (45 s), which a restarted service's partitions waited out after a kill
            assertThat(session).as(name).isLessThan(45_000);
            // at least the broker's group.min.session.timeout.ms and three of the client's 3 s heartbeats
            assertThat(session).as(name).isGreaterThanOrEqualTo(9_000);
            assertThat(s.replica(name + "-2", 8081, Map.of()).settings()).as(name + "'s replica")
                    .containsEntry("kafka.session.timeout.ms", Integer.toString(session));
        }
    }
}
