package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./ferry} itself, copied into a folder laid out like the repository, with a Maven
 * wrapper that records its arguments and makes the jars a build would make, and a JDK whose {@code java} says it is
 * version 21 and prints what it was asked to run. Checks when the script builds (the tool, and for {@code demo} and
 * {@code bench} the five services) and that {@code --rebuild} forces it.
 */
class LauncherScriptTest {

    private static final String[] SERVICES = {"extractor-service", "anonymizer-service", "validator-service",
            "loader-service", "coordinator-service"};

    @TempDir
    Path root;
    private Path jdk;

    @BeforeEach
    void layOut() throws IOException {
        Path script = Path.of("../../ferry").toAbsolutePath().normalize();
        assertThat(script).as("the launcher at the repository's root").exists();
        Files.copy(script, root.resolve("ferry"));
        executable(root.resolve("ferry"));
        // The wrapper records its arguments and makes the jars: the tool's always, the services' when listed.
        write(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "$*" >> "$(dirname "$0")/mvnw.log"
                cd "$(dirname "$0")"
                mkdir -p libs/cli/target/lib && touch libs/cli/target/ferry-cli.jar
                for s in %s; do
                  case "$*" in *"$s"*) mkdir -p "$s/target/quarkus-app" && touch "$s/target/quarkus-app/quarkus-run.jar";; esac
                done
                """.formatted(String.join(" ", SERVICES)));
        jdk = root.resolve("jdk");
        write(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                case "$*" in *-XshowSettings:properties*) echo "    java.specification.version = 21" >&2; exit 0;; esac
                echo "RAN $*"
                """);
        write(jdk.resolve("bin/javac"), "#!/usr/bin/env bash\n");
        write(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"), "class Tool {}\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    }

    @Test
    void buildsTheToolWhenItIsMissingOrOlderThanASourceAndOtherwiseJustRunsIt() throws Exception {
        Run first = ferry("--version");
        assertThat(first.builds()).containsExactly("-B -q -Dstyle.color=never package -DskipTests -pl libs/cli -am");
        assertThat(first.stdout()).contains("io.ferry.cli.FerryCli --version");

        age(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"), root.resolve("pom.xml"));
        Run fresh = ferry("--version");
        assertThat(fresh.builds()).isEmpty();
        assertThat(fresh.stdout()).contains("io.ferry.cli.FerryCli --version");

        Files.writeString(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"), "class Tool { int changed; }\n");
        Files.setLastModifiedTime(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"),
                FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(ferry("--version").builds()).hasSize(1);
    }

    @Test
    void rebuildForcesTheBuildOfAFreshToolAndIsNotPassedOn() throws Exception {
        ferry("--version");
        age(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"), root.resolve("pom.xml"));
        assertThat(ferry("--version").builds()).isEmpty();

        Run rebuilt = ferry("--rebuild", "--version");
        assertThat(rebuilt.builds()).containsExactly("-B -q -Dstyle.color=never package -DskipTests -pl libs/cli -am");
        assertThat(rebuilt.stderr()).contains("ferry: building the command-line tool");
        assertThat(rebuilt.stdout()).contains("io.ferry.cli.FerryCli --version").doesNotContain("--rebuild");
    }

    @Test
    void benchAndDemoBuildTheServicesWhenStaleOrAskedToAndDemoStopDoesNot() throws Exception {
        String services = "-B -q -Dstyle.color=never package -DskipTests -pl " + String.join(",", SERVICES) + " -am";
        Run bench = ferry("bench", "--help");
        assertThat(bench.builds()).containsExactly("-B -q -Dstyle.color=never package -DskipTests -pl libs/cli -am",
                services);

        age(root.resolve("libs/cli/src/main/java/io/ferry/cli/Tool.java"), root.resolve("pom.xml"));
        assertThat(ferry("demo", "--help").builds()).isEmpty();
        assertThat(ferry("demo", "stop").builds()).isEmpty();
        assertThat(ferry("--rebuild", "demo", "stop").builds()).containsExactly(
                "-B -q -Dstyle.color=never package -DskipTests -pl libs/cli -am");
        assertThat(ferry("--rebuild", "demo", "--help").builds()).containsExactly(
                "-B -q -Dstyle.color=never package -DskipTests -pl libs/cli -am", services);
    }

    private record Run(int exit, String stdout, String stderr, List<String> builds) {
    }

    /** Runs the copied launcher; {@code builds} are the wrapper calls this run made. */
    private Run ferry(String... args) throws Exception {
        Path log = root.resolve("mvnw.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("ferry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().remove("FERRY_JAVA_OPTS");
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as("exit of ferry %s: %s", String.join(" ", args), stderr).isZero();
        List<String> builds = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(p.exitValue(), stdout, stderr, builds);
    }

    /** Makes the sources older than every built jar, as after a build that happened a while after the edit. */
    private void age(Path... sources) throws IOException {
        for (Path s : sources) {
            Files.setLastModifiedTime(s, FileTime.from(Instant.now().minusSeconds(3600)));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
