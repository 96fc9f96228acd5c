package io.ferry.spec.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstatePropertiesTest {

    @Test
    void writesPlainLinesWithoutEscapingAndReadsThemBack(@TempDir Path dir) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("prod.ids.url", "jdbc:postgresql://127.0.0.1:5432/ids");
        values.put("prod.sp.url", "bolt://127.0.0.1:7687");
        values.put("spec", "/tmp/x y/ferry.yaml");
        Path file = dir.resolve("estate.properties");

        new EstateProperties(values).write(file);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "prod.ids.url=jdbc:postgresql://127.0.0.1:5432/ids",
                "prod.sp.url=bolt://127.0.0.1:7687",
                "spec=/tmp/x y/ferry.yaml");
        assertThat(EstateProperties.read(file).asMap()).isEqualTo(values);
        assertThat(Files.exists(dir.resolve("estate.properties.tmp"))).isFalse();
    }

    @Test
    void valuesMayContainEqualsSigns() {
        EstateProperties p = EstateProperties.parse(List.of("# comment", "", "a=b=c"), "x");
        assertThat(p.require("a")).isEqualTo("b=c");
    }

    @Test
    void aMalformedLineNamesFileAndLine() {
        assertThatThrownBy(() -> EstateProperties.parse(List.of("a=1", "garbage"), "estate.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("estate.properties:2: expected 'key=value'");
    }

    @Test
    void aMissingKeySaysWhichAndWhatToDo() {
        assertThatThrownBy(() -> EstateProperties.parse(List.of("a=1"), "f").require("pid"))
                .hasMessage("estate.properties has no 'pid'");
    }
}
