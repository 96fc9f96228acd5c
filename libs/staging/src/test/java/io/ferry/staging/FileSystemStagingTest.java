package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract, and what is the filesystem's own: temp files, folders made and removed. */
class FileSystemStagingTest extends StagingContract {

    @Override
    protected Staging staging() {
        return new FileSystemStaging(dir.resolve("root"));
    }

    @Test
    void putLeavesNoTempFiles() throws Exception {
        Staging staging = staging();
        staging.put("a/b", local("v1", "first"));
        staging.put("a/b", local("v2", "second version"));
        try (Stream<Path> files = Files.walk(dir.resolve("root"))) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(dir.resolve("root/a/b"));
        }
    }

    /**
     * The extractor puts raw batches into a run's folder while the anonymizer (another process) deletes each one it
     * is done with, and with the last file the folder: a put must not fail when the folder it just created is
     * removed under it. Each put must still land.
     */
    @Test
    void putsSurviveDeletesThatRemoveTheirFolderMeanwhile() throws Exception {
        Staging writer = staging();
        Staging deleter = staging();
        Path content = local("batch", "rows");
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger deleted = new java.util.concurrent.atomic.AtomicInteger();
        Thread sweeper = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                for (ObjectInfo o : deleter.list("run/raw")) {
                    if (deleter.delete(o.key())) {
                        deleted.incrementAndGet();
                    }
                }
            }
        });
        int puts = 3000;
        try {
            for (int i = 0; i < puts; i++) {
                writer.put("run/raw/sp/label/part-" + i + ".parquet", content);
            }
        } finally {
            done.set(true);
            sweeper.join();
        }
        assertThat(deleted.get() + writer.list("run/raw").size()).isEqualTo(puts);
    }

    /**
     * A put a crash interrupted leaves its hidden temp file (encrypted raw data, for a raw batch): listing does not
     * see it, deleting the run's prefix removes it with its folder, and the interrupted-writes sweep removes those
     * older than its cutoff.
     */
    @Test
    void whatAnInterruptedPutLeftIsDeletedWithItsPrefixAndByTheSweep() throws Exception {
        Staging staging = staging();
        staging.put("run/extracted/ids/a.parquet", local("in", "rows"));
        Path folder = dir.resolve("root/run/extracted/ids");
        Path interrupted = Files.writeString(folder.resolve(".b.parquet.123.ferry-tmp"), "half");
        Path other = Files.createDirectories(dir.resolve("root/other/extracted/sp"));
        Path old = Files.writeString(other.resolve(".c.parquet.1.ferry-tmp"), "half");
        Path young = Files.writeString(other.resolve(".d.parquet.2.ferry-tmp"), "half");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(staging.list("run")).extracting(ObjectInfo::key).containsExactly("run/extracted/ids/a.parquet");

        assertThat(staging.deletePrefix("run/extracted/")).isEqualTo(1);
        assertThat(interrupted).doesNotExist();
        assertThat(dir.resolve("root/run")).doesNotExist();

        assertThat(staging.deleteInterruptedWrites(java.time.Instant.parse("2026-06-01T00:00:00Z"))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(young).exists();
    }

    /** A put's temp file sits beside the object while it is written: listing never shows it. */
    @Test
    void listingNeverShowsATempFileWhileAnObjectIsReplaced() throws Exception {
        Staging staging = staging();
        Path content = Files.write(dir.resolve("content"), new byte[1 << 20]);
        staging.put("obj", content);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 40; i++) {
                staging.put("obj", content);
            }
            done.set(true);
        });
        int lists = 0;
        while (!done.get() || lists == 0) {
            assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("obj");
            lists++;
        }
        writer.join();
    }

    @Test
    void aFailedPutLeavesNoTempFile() {
        Staging staging = staging();
        assertThatThrownBy(() -> staging.put("a/b", dir.resolve("missing"))).isInstanceOf(StagingException.class);
        try (Stream<Path> files = Files.walk(dir.resolve("root"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteRemovesTheFoldersObjectsLeaveEmpty() throws Exception {
        Staging staging = staging();
        Path in = local("in", "x");
        staging.put("r1/a/b/c", in);
        staging.put("r1/a/d", in);
        staging.put("r2/e", in);
        staging.delete("r1/a/b/c");
        assertThat(dir.resolve("root/r1/a/b")).doesNotExist();
        staging.deletePrefix("r1");
        assertThat(dir.resolve("root/r1")).doesNotExist();
        assertThat(dir.resolve("root/r2")).isDirectory();
    }

}
