package io.ferry.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFoldersTest {

    @TempDir
    Path root;

    @Test
    void deletesOnlyTheFoldersOfRequests() throws Exception {
        Path crashed = WorkFolders.of(root, "mig-20261121150000-001", 2);
        Files.createDirectories(crashed.resolve("batches/ids/public.person"));
        Files.writeString(crashed.resolve("batches/ids/public.person/part-0.parquet"), "rows");
        Path other = Files.createDirectories(root.resolve("someone-else-1"));
        Path file = Files.writeString(root.resolve("mig-20261121150000-002-1"), "not a folder");

        assertThat(WorkFolders.deleteLeftovers(root)).containsExactly(crashed);

        assertThat(crashed).doesNotExist();
        assertThat(other).isDirectory();
        assertThat(file).exists();
    }

    @Test
    void aMissingRootHasNoLeftovers() {
        assertThat(WorkFolders.deleteLeftovers(root.resolve("absent"))).isEmpty();
    }

    @Test
    void namesItsFoldersByRunAndAttempt() {
        assertThat(WorkFolders.of(root, "mig-20261121150000-001", 3).getFileName().toString())
                .isEqualTo("mig-20261121150000-001-3");
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001-3")).isTrue();
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001")).isFalse();
        assertThat(WorkFolders.isWorkFolder("tmp-3")).isFalse();
        assertThat(WorkFolders.of(root, "mig-20261121150000-001", 3, "hcp1").getFileName().toString())
                .isEqualTo("mig-20261121150000-001-3.hcp1");
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001-3.hcp1")).isTrue();
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001-3.store-2")).isTrue();
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001-3.")).isFalse();
        assertThat(WorkFolders.isWorkFolder("mig-20261121150000-001.hcp1")).isFalse();
    }
}
