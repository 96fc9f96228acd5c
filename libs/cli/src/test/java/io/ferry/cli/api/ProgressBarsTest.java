package io.ferry.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bars only where stderr, which they draw on, is a terminal; lines everywhere else. */
class ProgressBarsTest {

    /** Prints whether the JVM it runs in sees a terminal, for the test below to run under a pseudo-terminal. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("onTerminal=" + ProgressBars.onTerminal());
        }
    }

    @Test
    void stderrRedirectedToAPipeOrFileIsNoTerminal() {
        // the test JVM's stderr goes to the build (a pipe or a file), never to a terminal
        assertThat(ProgressBars.onTerminal()).isFalse();
    }

    @Test
    void aJvmWhoseStderrIsATerminalDrawsBarsEvenWithItsOutputRedirected(@TempDir Path dir) throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux 'script' (a pseudo-terminal for the probe) is not at " + script);
        String java = ProcessHandle.current().info().command().orElse("java");
        // script hands the command to a shell: quoted, so the nested class's '$' stays
        // script runs the probe on a pseudo-terminal, whatever the build's streams are; its stdout goes to a file
        // ('ferry watch RUN > file'), its stderr stays on the terminal
        Path answer = dir.resolve("answer.txt");
        String probe = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' '" + Probe.class.getName()
                + "' > '" + answer + "'";
        Process p = new ProcessBuilder(script.toString(), "-qec", probe, "/dev/null").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(answer) ? Files.readString(answer) : "").as(said).contains("onTerminal=true");
    }
}
