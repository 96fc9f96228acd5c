package io.ferry.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.staging.FileSystemStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredResultsTest {

    private static final String RUN = "mig-20261121060000-001";
    private static final String SPEC = "9489f1b0089092575d8ace2392285db2921b60cd163d2e7e7a7c756977a26dd8";

    @TempDir
    Path root;

    @Test
    void keysNameRunKindStoreAndAttempt() {
        assertThat(new StoredResults.Ref("extract", RUN, "ids", 1).key()).isEqualTo(RUN + "/results/extract.ids.1.json");
        assertThat(new StoredResults.Ref("preflight", RUN, null, 2).key())
                .isEqualTo(RUN + "/results/preflight.none.2.json");
    }

    @Test
    void aSavedResultIsFoundAgainAndOnlyForItsOwnAttempt() {
        StoredResults results = new StoredResults(new FileSystemStaging(root));
        ExtractResult result = new ExtractResult(RUN, SPEC, 1, "ids", List.of(), RUN + "/keys/ids/", List.of(),
                List.of(), null);

        results.save(new StoredResults.Ref("extract", RUN, "ids", 1), result);

        assertThat(root.resolve(RUN + "/results/extract.ids.1.json")).isRegularFile();
        assertThat(results.find(new StoredResults.Ref("extract", RUN, "ids", 1), ExtractResult.class)).contains(result);
        assertThat(results.find(new StoredResults.Ref("extract", RUN, "ids", 2), ExtractResult.class)).isEmpty();
        assertThat(results.find(new StoredResults.Ref("extract", RUN, "hcp1", 1), ExtractResult.class)).isEmpty();
    }

    @Test
    void anUnreadableStoredResultCountsAsAbsent() throws Exception {
        StoredResults results = new StoredResults(new FileSystemStaging(root));
        Path file = Files.createDirectories(root.resolve(RUN + "/results")).resolve("preflight.none.1.json");
        Files.writeString(file, "{\"runId\": ");

        assertThat(results.find(new StoredResults.Ref("preflight", RUN, null, 1), PreflightResult.class)).isEmpty();
    }
}
