package io.ferry.service.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill points halt a real JVM: each test drives a child process that reaches the points it is told, line by line. */
class KillPointTest {

    @TempDir
    Path dir;

    @Test
    void aPointArmedByFileInARunningProcessPassesItsSkipCountThenHaltsItAndIsDisarmed() throws Exception {
        Path file = dir.resolve("extractor");
        try (Child child = Child.start("-D" + KillPoint.FILE + "=" + file)) {
            assertThat(child.reach("extractor.mid-copy")).as("nothing armed yet").isTrue();
            Files.writeString(file, "extractor.mid-copy 1");
            assertThat(child.reach("extractor.mid-copy")).as("the one pass the skip count allows").isTrue();
            assertThat(child.reach("loader.after-commit")).as("another point").isTrue();
            assertThat(child.reach("extractor.mid-copy")).isFalse();
            assertThat(child.exitCode()).isEqualTo(137);
            assertThat(child.errors()).contains("kill point extractor.mid-copy reached: halting");
        }
        assertThat(file).as("deleted before halting: the process started in its place runs unarmed").doesNotExist();
    }

    @Test
    void armingTheFileAgainCountsPassesAfresh() throws Exception {
        Path file = dir.resolve("anonymizer");
        try (Child child = Child.start("-D" + KillPoint.FILE + "=" + file)) {
            Files.writeString(file, "anonymizer.after-publish 5");
            assertThat(child.reach("anonymizer.after-publish")).isTrue();
            assertThat(child.reach("anonymizer.after-publish")).isTrue();
            Files.delete(file);
            assertThat(child.reach("anonymizer.after-publish")).as("disarmed").isTrue();
            Files.writeString(file, "anonymizer.after-publish 1");
            assertThat(child.reach("anonymizer.after-publish")).as("the first pass of the new arming").isTrue();
            assertThat(child.reach("anonymizer.after-publish")).isFalse();
            assertThat(child.exitCode()).isEqualTo(137);
        }
    }

    @Test
    void aPointArmedByPropertyHaltsAfterItsSkipCount() throws Exception {
        try (Child child = Child.start("-D" + KillPoint.PROPERTY + "=loader.after-commit", "-D" + KillPoint.SKIP + "=2")) {
            assertThat(child.reach("loader.after-commit")).isTrue();
            assertThat(child.reach("coordinator.after-send")).isTrue();
            assertThat(child.reach("loader.after-commit")).isTrue();
            assertThat(child.reach("loader.after-commit")).isFalse();
            assertThat(child.exitCode()).isEqualTo(137);
        }
    }

    @Test
    void withNeitherPropertyNoPointHalts() throws Exception {
        try (Child child = Child.start()) {
            for (String point : List.of("extractor.mid-copy", "anonymizer.after-publish", "loader.after-commit",
                    "coordinator.after-send")) {
                assertThat(child.reach(point)).as(point).isTrue();
            }
        }
    }

    /** A JVM running {@link Probe} with the given system properties. */
    private record Child(Process process, PrintWriter in, BufferedReader out) implements AutoCloseable {

        static Child start(String... properties) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path")));
            command.addAll(List.of(properties));
            command.add(Probe.class.getName());
            Process p = new ProcessBuilder(command).start();
            return new Child(p, new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        /** Whether the child passed the point (false: it ended there). */
        boolean reach(String point) throws Exception {
            in.println(point);
            String line = out.readLine();
            return ("passed " + point).equals(line);
        }

        int exitCode() throws Exception {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
            return process.exitValue();
        }

        String errors() throws Exception {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** The child: reaches each point named on a line of standard input, and says so on standard output. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String point = in.readLine(); point != null; point = in.readLine()) {
                KillPoint.reach(point);
                System.out.println("passed " + point);
                System.out.flush();
            }
        }
    }
}
