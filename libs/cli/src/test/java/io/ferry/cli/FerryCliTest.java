package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FerryCliTest {

    @RegisterExtension
    final Console console = new Console();


    @Test
    void helpListsTheCommands() {
        int code = FerryCli.execute("help");
        assertThat(code).isZero();
        assertThat(console.out()).contains("demo", "estate", "Exit codes");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"demo", "--help"}, {"estate", "--help"}, {"estate", "up", "--help"},
                {"estate", "down", "--help"}}) {
            console.reset();
            assertThat(FerryCli.execute(cmd)).as(String.join(" ", cmd)).isZero();
            assertThat(console.out()).contains("Usage: ferry");
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(FerryCli.execute("migrate-everything")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("migrate-everything");
    }

    @Test
    void aBadProdModeIsAUsageErrorNamingTheValue() {
        int code = FerryCli.execute("estate", "up", "--prod-mode", "replica", "--dir", "target/never-started");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err())
                .contains("--prod-mode must be 'standby' or 'primary', not 'replica'")
                .doesNotContain("Exception");
    }

    @Test
    void aBadPresetIsAUsageErrorListingTheChoices() {
        int code = FerryCli.execute("estate", "up", "--preset", "huge", "--dir", "target/never-started");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("huge").contains("small").contains("large")
                .doesNotContain("Exception");
    }

    @Test
    void aBadAsOfIsAUsageErrorWithAnExample() {
        int code = FerryCli.execute("estate", "up", "--as-of", "yesterday", "--dir", "target/never-started");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err())
                .contains("'yesterday' is not an ISO-8601 UTC time such as 2026-09-01T00:00:00Z")
                .doesNotContain("Exception");
    }

    @Test
    void anUncreatableEstateDirectoryIsNamedWithAHint() {
        int code = FerryCli.execute("estate", "up", "--dir", "/proc/no-such-place/estate");
        assertThat(code).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .contains("cannot create the estate directory /proc/no-such-place/estate")
                .contains("choose another with --dir");
    }

    @Test
    void aDamagedEstatePropertiesFileSaysHowToRecover() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("damaged-estate");
        java.nio.file.Files.writeString(dir.resolve("estate.properties"), "pid=1\nthis line is damaged\n");
        int code = FerryCli.execute("estate", "up", "--dir", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .contains("estate.properties:2: expected 'key=value'")
                .contains("ferry estate down --dir " + dir);
    }

    @Test
    void downOnAnEmptyDirectoryHasNothingToStop() {
        int code = FerryCli.execute("estate", "down", "--dir", "target/no-estate-here");
        assertThat(code).isZero();
        assertThat(console.err()).contains("nothing to stop");
    }
}
