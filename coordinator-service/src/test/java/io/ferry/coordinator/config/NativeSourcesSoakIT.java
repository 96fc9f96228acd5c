package io.ferry.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.messages.Message;
import io.ferry.coordinator.reports.RunReport;
import io.ferry.coordinator.saga.RunState;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The native build as far as it runs without GraalVM or Mandrel: under {@code -Psoak} the coordinator's build writes
 * {@code target/native-sources/} (docs/native.md), whose runner jar holds the reflection and resource registrations
 * Quarkus computed. What the coordinator reads by reflection or from the classpath must be there; the JVM tests cannot
 * show it, since the JVM needs no registration.
 */
class NativeSourcesSoakIT {

    private static final Path SOURCES = Path.of("target", "native-sources");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTypeReadOrWrittenAsJsonByReflectionIsRegistered() throws IOException {
        Set<String> registered = new TreeSet<>();
        for (JsonNode entry : config("reflect-config.json")) {
            registered.add(entry.get("name").asText());
        }
        Set<String> needed = new TreeSet<>();
        // Read and written by plain ObjectMappers (contracts' Json, StateJson) and by the HTML report's template.
        collect(Message.class, needed);
        collect(RunState.class, needed);
        collect(RunReport.class, needed);

        assertThat(needed).as("the records and what they hold").hasSizeGreaterThan(40);
        assertThat(registered).containsAll(needed);
    }

    @Test
    void theReportTemplateAndTheMigrationsAreInTheImage() throws IOException {
        List<String> included = new ArrayList<>();
        for (JsonNode include : config("resource-config.json").path("resources").path("includes")) {
            included.add(include.get("pattern").asText());
        }
        List<String> resources = new ArrayList<>(List.of("io/ferry/coordinator/reports/report.html"));
        try (Stream<Path> migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            migrations.forEach(m -> resources.add("db/migration/" + m.getFileName()));
        }

        assertThat(resources).hasSizeGreaterThan(1).allSatisfy(resource -> assertThat(included)
                .as(resource).anyMatch(pattern -> Pattern.matches(pattern, resource)));
    }

    @Test
    void theArgumentsBuildTheRunnerJarWithoutAFallback() throws IOException {
        List<String> args = List.of(Files.readString(SOURCES.resolve("native-image.args")).trim().split("\\s+"));

        assertThat(args).contains("--no-fallback", "-jar", runnerJar().getFileName().toString());
        try (Stream<Path> lib = Files.list(SOURCES.resolve("lib"))) {
            assertThat(lib.filter(jar -> jar.getFileName().toString().startsWith("io.quarkus.quarkus-core-")))
                    .hasSize(1);
        }
    }

    private static JsonNode config(String name) throws IOException {
        try (ZipFile jar = new ZipFile(runnerJar().toFile())) {
            var entry = jar.getEntry("META-INF/native-image/" + name);
            assertThat(entry).as("%s in the runner jar", name).isNotNull();
            return JSON.readTree(jar.getInputStream(entry));
        }
    }

    private static Path runnerJar() throws IOException {
        assertThat(SOURCES).as("package under -Psoak first (docs/native.md)").isDirectory();
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
    }

    /** Ferry's own types Jackson meets from {@code type}: records with their components, enums, sealed families. */
    private static void collect(Type type, Set<String> into) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), into);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, into);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !c.getName().startsWith("io.ferry.")) {
            return;
        }
        if (c.isInterface()) {
            for (Class<?> sub : c.isSealed() ? c.getPermittedSubclasses() : new Class<?>[0]) {
                collect(sub, into);
            }
            return;
        }
        if (!into.add(c.getName()) || !c.isRecord()) {
            return;
        }
        for (RecordComponent component : c.getRecordComponents()) {
            collect(component.getGenericType(), into);
        }
    }
}
