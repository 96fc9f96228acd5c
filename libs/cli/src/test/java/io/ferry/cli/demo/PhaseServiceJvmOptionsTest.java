package io.ferry.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseServiceJvmOptionsTest {

    @Test
    void theServicesThatLeaveTheirWorkToDatabasesRunOnC1AloneAndTheOthersKeepC2() {
        for (String name : new String[] {"validator", "loader", "coordinator"}) {
            assertThat(PhaseService.jvmOptions(name)).as(name).containsExactly("-XX:TieredStopAtLevel=1");
        }
        assertThat(PhaseService.jvmOptions("extractor")).isEmpty();
        assertThat(PhaseService.jvmOptions("anonymizer")).containsExactly("-XX:NewRatio=1");
    }

    @Test
    void aReplicaKeepsTheOptionsOfItsKind() {
        PhaseService loader = new PhaseService("loader", Path.of("loader.jar"), PhaseService.jvmOptions("loader"),
                Map.of("quarkus.http.port", "1"));
        assertThat(loader.replica("loader-2", 2, Map.of()).jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    }
}
