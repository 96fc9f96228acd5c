package io.ferry.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Staging} does, whatever stores its objects: a subclass supplies an empty staging per test.
 * Shipped in this module's test jar, so the S3 staging passes the same tests as the filesystem one.
 */
public abstract class StagingContract {

    @TempDir
    protected Path dir;

    /** A staging with no objects in it, for one test. */
    protected abstract Staging staging();

    protected Path local(String name, String content) throws Exception {
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
    void putReplacesTheObject() throws Exception {
        Staging staging = staging();
        staging.put("a/b", local("v1", "first"));
        staging.put("a/b", local("v2", "second version"));
        Path out = Files.writeString(dir.resolve("out"), "a longer file the get must replace entirely");
        staging.get("a/b", out);
        assertThat(out).hasContent("second version");
        assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("a/b");
        assertThat(staging.stat("a/b")).get().extracting(ObjectInfo::size).isEqualTo(14L);
    }

    @Test
    void aFailedPutLeavesNoObject() {
        Staging staging = staging();
        assertThatThrownBy(() -> staging.put("a/b", dir.resolve("missing")))
                .isInstanceOf(StagingException.class)
                .hasMessageContaining("staging put a/b failed");
        assertThat(staging.stat("a/b")).isEmpty();
        assertThat(staging.list("")).isEmpty();
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
        assertThat(staging.list("r1/a")).isEmpty();
        assertThat(staging.list("nothing-here")).isEmpty();
    }

    @Test
    void deleteRemovesOneObjectAndDeletePrefixEverythingUnderIt() throws Exception {
        Staging staging = staging();
        Path in = local("in", "x");
        staging.put("r1/a/b/c", in);
        staging.put("r1/a/d", in);
        staging.put("r10/e", in);
        assertThat(staging.delete("r1/a/b/c")).isTrue();
        assertThat(staging.delete("r1/a/b/c")).isFalse();
        assertThat(staging.stat("r1/a/b/c")).isEmpty();
        assertThat(staging.deletePrefix("r1")).isEqualTo(1);
        assertThat(staging.deletePrefix("r1")).isZero();
        assertThat(staging.list("")).extracting(ObjectInfo::key).containsExactly("r10/e");
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
