package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStagingTest {

    @TempDir
    Path dir;

    private Staging staging() {
        return new FileSystemStaging(dir.resolve("root"));
    }

    private Path local(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void putThenGetReturnsTheWholeObject() throws Exception {
        Staging staging = staging();
        staging.put("run/extracted/ids/public.person/part-0.parquet", local("in", "hello"));
        Path out = dir.resolve("out");
        staging.get("run/extracted/ids/public.person/part-0.parquet", out);
        assertThat(out).hasContent("hello");
        assertThat(staging.stat("run/extracted/ids/public.person/part-0.parquet")).get()
                .satisfies(info -> assertThat(info.size()).isEqualTo(5));
    }

    @Test
    void putReplacesAndLeavesNoTempFiles() throws Exception {
        Staging staging = staging();
        staging.put("a/b", local("v1", "first"));
        staging.put("a/b", local("v2", "second version"));
        Path out = dir.resolve("out");
        staging.get("a/b", out);
        assertThat(out).hasContent("second version");
        assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("a/b");
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

    @Test
    void aFailedPutLeavesNoObjectAndNoTempFile() {
        Staging staging = staging();
        assertThatThrownBy(() -> staging.put("a/b", dir.resolve("missing")))
                .isInstanceOf(StagingException.class)
                .hasMessageContaining("staging put a/b failed");
        assertThat(staging.stat("a/b")).isEmpty();
        try (Stream<Path> files = Files.walk(dir.resolve("root"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readersNeverSeeAPartialObjectWhileItIsReplaced() throws Exception {
        Staging staging = staging();
        byte[] as = new byte[1 << 20];
        byte[] bs = new byte[1 << 20];
        Arrays.fill(as, (byte) 'a');
        Arrays.fill(bs, (byte) 'b');
        Path a = Files.write(dir.resolve("a"), as);
        Path b = Files.write(dir.resolve("b"), bs);
        staging.put("obj", a);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                staging.put("obj", i % 2 == 0 ? b : a);
            }
            done.set(true);
        });
        writer.start();
        Path out = dir.resolve("read");
        int reads = 0;
        while (!done.get() || reads == 0) {
            staging.get("obj", out);
            byte[] read = Files.readAllBytes(out);
            assertThat(read).hasSize(1 << 20);
            assertThat(read[read.length - 1]).isEqualTo(read[0]);
            assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("obj");
            reads++;
        }
        writer.join();
    }

    @Test
    void listIsRecursiveSortedAndLimitedToThePrefix() throws Exception {
        Staging staging = staging();
        Path in = local("in", "x");
        for (String key : new String[] {"r2/b", "r1/z/y", "r1/a", "r10/a", "specs/h.yaml"}) {
            staging.put(key, in);
        }
        assertThat(staging.list("r1")).extracting(ObjectInfo::key).containsExactly("r1/a", "r1/z/y");
        assertThat(staging.list("r1/")).extracting(ObjectInfo::key).containsExactly("r1/a", "r1/z/y");
        assertThat(staging.list("")).extracting(ObjectInfo::key)
                .containsExactly("r1/a", "r1/z/y", "r10/a", "r2/b", "specs/h.yaml");
        assertThat(staging.list("nothing-here")).isEmpty();
    }

    @Test
    void deleteRemovesObjectsAndTheFoldersTheyLeaveEmpty() throws Exception {
        Staging staging = staging();
        Path in = local("in", "x");
        staging.put("r1/a/b/c", in);
        staging.put("r1/a/d", in);
        staging.put("r2/e", in);
        assertThat(staging.delete("r1/a/b/c")).isTrue();
        assertThat(staging.delete("r1/a/b/c")).isFalse();
        assertThat(dir.resolve("root/r1/a/b")).doesNotExist();
        assertThat(staging.deletePrefix("r1")).isEqualTo(1);
        assertThat(dir.resolve("root/r1")).doesNotExist();
        assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("r2/e");
    }

    @Test
    void errorsNameTheKey() {
        Staging staging = staging();
        assertThatThrownBy(() -> staging.get("r1/missing", dir.resolve("out")))
                .isInstanceOf(StagingException.class)
                .hasMessage("staging get r1/missing: no such object");
        assertThatThrownBy(() -> staging.put("../escape", dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../escape'");
        assertThat(staging.stat("r1/missing")).isEmpty();
    }
}
