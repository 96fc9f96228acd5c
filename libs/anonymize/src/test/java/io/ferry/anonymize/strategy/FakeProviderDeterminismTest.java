package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The Datafaker allow-list ({@link FakeProvider}) is deterministic: 1,000 seeds per provider give the same values
 * in any order, and in a second JVM started with another default locale ({@code tr-TR}: its case rules trip naive
 * upper-casing), time zone and charset. The second JVM also recomputes 1,000 outputs of every default rule.
 */
class FakeProviderDeterminismTest {

    @Test
    void everyProviderGivesTheSameValueForTheSameSeedInAnyOrder() {
        FakerPool fakers = new FakerPool();
        for (FakeProvider provider : FakeProvider.values()) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < DeterminismDump.PER_PROVIDER; i++) {
                order.add(i);
            }
            String[] first = new String[order.size()];
            for (int i : order) {
                first[i] = fakers.generate(provider, i * 0x9E3779B97F4A7C15L);
            }
            Collections.shuffle(order, new Random(1));
            for (int i : order) {
                assertThat(fakers.generate(provider, i * 0x9E3779B97F4A7C15L)).as(provider.specName()).isEqualTo(first[i]);
            }
            assertThat(new FakerPool().generate(provider, 12345L)).isEqualTo(fakers.generate(provider, 12345L));
        }
    }

    @Test
    void aSecondJvmWithOtherDefaultsComputesTheSameValues() throws Exception {
        List<String> expected = DeterminismDump.lines();
        assertThat(expected).hasSize(FakeProvider.values().length * DeterminismDump.PER_PROVIDER
                + (DataType.known().size() - 1) * DeterminismDump.PER_TYPE);

        List<String> actual = runSecondJvm();

        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("line %d", i + 1).isEqualTo(expected.get(i));
        }
    }

    private static List<String> runSecondJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classpathFile = Files.createTempFile("ferry-cp-", ".txt");
        Files.writeString(classpathFile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
        Path output = Files.createTempFile("ferry-determinism-", ".txt");
        try {
            Process process = new ProcessBuilder(java, "@" + classpathFile, "-Duser.language=tr", "-Duser.country=TR",
                    "-Duser.timezone=Pacific/Chatham", "-Dfile.encoding=ISO-8859-1",
                    DeterminismDump.class.getName())
                    .redirectErrorStream(false)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("second JVM finished").isTrue();
            assertThat(process.exitValue()).as("second JVM exit code").isZero();
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(classpathFile);
            Files.deleteIfExists(output);
        }
    }
}
