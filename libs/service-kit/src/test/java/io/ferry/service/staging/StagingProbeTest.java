package io.ferry.service.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingProbeTest {

    @TempDir
    Path folder;

    @Test
    void aWritableFolderHasNoProblemAndKeepsNoProbeFile() throws Exception {
        assertThat(StagingProbe.problem(folder)).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void namesAMissingRootAndAFileAsRoot() throws Exception {
        Path file = Files.writeString(folder.resolve("staging.txt"), "");

        assertThat(StagingProbe.problem(folder.resolve("missing"))).contains("does not exist");
        assertThat(StagingProbe.problem(file)).contains("not a folder");
    }
}
