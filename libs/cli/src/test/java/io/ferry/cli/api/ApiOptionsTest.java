package io.ferry.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiOptionsTest {

    @Test
    void aConfigFileGivenWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.properties");
        Files.writeString(file, "api.url=http://127.0.0.1:9/\napi.user=demo\napi.password=secret\n");
        ApiOptions options = new ApiOptions();
        options.config = file;
        assertThat(options.client(Map.of("FERRY_API_URL", "http://elsewhere", "FERRY_TOKEN", "t")).base())
                .isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void theEnvironmentNeedsATokenOrAUser() {
        ApiOptions options = new ApiOptions();
        assertThat(options.client(Map.of("FERRY_API_URL", "http://h:1", "FERRY_TOKEN", "t")).base()).isEqualTo("http://h:1");
        assertThat(options.client(Map.of("FERRY_API_URL", "http://h:1", "FERRY_USER", "u")).base()).isEqualTo("http://h:1");
        assertThatThrownBy(() -> options.client(Map.of("FERRY_API_URL", "http://h:1")))
                .isInstanceOf(FerryException.class).hasMessageContaining("FERRY_TOKEN")
                .satisfies(e -> assertThat(((FerryException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void aMissingConfigFileIsNotFoundAndNamesIt(@TempDir Path dir) {
        ApiOptions options = new ApiOptions();
        options.config = dir.resolve("nope.properties");
        assertThatThrownBy(() -> options.client(Map.of())).isInstanceOf(FerryException.class)
                .hasMessageContaining("nope.properties does not exist")
                .satisfies(e -> assertThat(((FerryException) e).exitCode()).isEqualTo(ExitCodes.NOT_FOUND));
    }

    @Test
    void theDemoFolderIsOnlyTheOneWhoseApiIsCalled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.properties");
        Files.writeString(file, "api.url=http://127.0.0.1:9/\n");
        ApiOptions given = new ApiOptions();
        given.config = file;
        assertThat(given.demoDir(Map.of("FERRY_API_URL", "http://elsewhere"))).contains(dir.toAbsolutePath());
        // without --api-config, FERRY_API_URL names another coordinator: .ferry is not its demo
        assertThat(new ApiOptions().demoDir(Map.of("FERRY_API_URL", "http://elsewhere"))).isEmpty();
    }
}
