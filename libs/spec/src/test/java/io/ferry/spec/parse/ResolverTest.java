package io.ferry.spec.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.spec.model.Connection;
import io.ferry.spec.model.PasswordSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTest {

    @TempDir
    Path folder;

    @Test
    void theEnvironmentWinsOverEstateProperties() throws IOException {
        Files.writeString(folder.resolve("estate.properties"), """
                # written by estate up
                prod.ids.url=jdbc:postgresql://127.0.0.1:5432/ids
                prod.ids.user=from-file
                """);

        Resolver resolver = Resolver.forFolder(folder, Map.of("prod.ids.user", "from-env"));

        assertThat(resolver.resolve("${prod.ids.url}?x=1")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ids?x=1");
        assertThat(resolver.resolve("${prod.ids.user}")).isEqualTo("from-env");
    }

    @Test
    void estatePropertiesHaveNoEscapes() {
        assertThat(EstateProperties.parse("a=C:\\temp\\x\nb = spaced\n#c=no\n", "estate.properties").asMap())
                .containsEntry("a", "C:\\temp\\x").containsEntry("b", "spaced").doesNotContainKey("#c");
    }

    @Test
    void passwordsComeFromEnvironmentFileOrPlaceholderAndNeverPrint() throws IOException {
        Files.createDirectories(folder.resolve("secrets"));
        Files.writeString(folder.resolve("secrets/cert-ids"), "s3cret\n");
        Resolver resolver = new Resolver(Map.of("PW", "from-env", "k", "from-key"), Map.of(), folder);

        ResolvedConnection fromFile = resolver.resolve(new Connection("u", null, new PasswordSource.File("secrets/cert-ids")));

        assertThat(fromFile.password().reveal()).isEqualTo("s3cret");
        assertThat(fromFile.toString()).doesNotContain("s3cret");
        assertThat(resolver.resolve(new Connection("u", "x", new PasswordSource.Env("PW"))).password().reveal())
                .isEqualTo("from-env");
        assertThat(resolver.resolve(new Connection("u", "x", new PasswordSource.Placeholder("k"))).password().reveal())
                .isEqualTo("from-key");
    }

    @Test
    void aMissingVariableIsNamedNotGuessed() {
        Resolver resolver = new Resolver(Map.of(), Map.of(), folder);

        assertThatThrownBy(() -> resolver.resolve(new Connection("u", null, new PasswordSource.Env("NOPE"))))
                .hasMessage("environment variable NOPE (passwordEnv) is not set");
    }
}
