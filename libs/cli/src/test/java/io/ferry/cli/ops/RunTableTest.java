package io.ferry.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode run(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aStatusLineSaysWhatTheRunWaitsForAndWhatContinuesIt() throws Exception {
        JsonNode waiting = run("{\"runId\": \"mig-20261124001500-001\", \"district\": \"district-001\", \"status\":"
                + " \"AWAITING_APPROVAL\", \"step\": \"VALIDATE\", \"waitingFor\": \"approval before loading\","
                + " \"continueWith\": \"approve\", \"reason\": null}");
        assertThat(RunTable.statusLine(waiting)).isEqualTo("mig-20261124001500-001 district-001 AWAITING_APPROVAL"
                + " (VALIDATE): approval before loading (then: approve)");
        JsonNode failed = run("{\"runId\": \"mig-20261124001500-002\", \"district\": \"district-003\", \"status\":"
                + " \"FAILED\", \"step\": \"DONE\", \"waitingFor\": null, \"reason\": \"validation FAILED\"}");
        assertThat(RunTable.statusLine(failed)).endsWith("FAILED (DONE): validation FAILED");
    }

    @Test
    void theTableHasAHeaderAndALinePerRun() throws Exception {
        JsonNode runs = run("[{\"runId\": \"mig-20261124001500-001\", \"district\": \"district-001\", \"status\":"
                + " \"SUCCEEDED\", \"step\": \"DONE\", \"dryRun\": true, \"extractedStores\": [\"adb\", \"ids\"],"
                + " \"loadedStores\": [], \"anonymizedBatches\": 36}]");
        List<String> lines = RunTable.lines(runs);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("RUN").contains("DISTRICT", "STATUS", "STORES", "BATCHES", "STARTED (UTC)");
        assertThat(lines.get(1).split("\\s+")).containsExactly("mig-20261124001500-001", "district-001", "SUCCEEDED",
                "dry", "DONE", "2/0", "36", "2026-11-24", "00:15:00");
    }

    @Test
    void theStartComesFromTheRunId() {
        assertThat(RunTable.started("mig-20261124001500-001")).isEqualTo("2026-11-24 00:15:00");
        assertThat(RunTable.started("batch-7")).isEmpty();
    }
}
