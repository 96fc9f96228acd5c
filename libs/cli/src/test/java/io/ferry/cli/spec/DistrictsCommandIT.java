package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.Console;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ferry districts} against a real small estate, checked against the estate's own summary. */
class DistrictsCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path estate;

    @RegisterExtension
    final Console console = new Console();

    @BeforeAll
    static void estateUp() {
        estate = SharedEstate.small();
    }


    private int districts(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "districts";
        all[1] = "--spec";
        all[2] = estate.resolve("ferry.yaml").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return FerryCli.execute(all);
    }

    @Test
    void theManifestRanksBySizeAndMatchesTheEstatesOwnCounts() throws IOException {
        Path dir = Files.createTempDirectory("districts-out-");
        assertThat(districts("--format", "json", "--out", dir.toString())).as(console.err()).isZero();
        JsonNode manifest = JSON.readTree(dir.resolve("district-manifest.json").toFile());
        assertThat(JSON.readTree(console.out())).as("stdout holds only the manifest").isEqualTo(manifest);
        JsonNode summary = JSON.readTree(estate.resolve("estate-summary.json").toFile());
        JsonNode ds = manifest.get("districts");
        assertThat(ds).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode d = ds.get(i);
            JsonNode expected = summary.get("districts").get(i);
            assertThat(d.get("id").asText()).isEqualTo("district-00" + (i + 1));
            assertThat(d.get("rank").asInt()).isEqualTo(i + 1);
            for (String field : new String[] {"students", "staff", "schools"}) {
                assertThat(d.get(field).asLong()).as(field).isEqualTo(expected.get(field).asLong());
            }
            assertThat(d.get("lastActivity").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(d.get("etaSeconds").asLong()).isPositive();
            assertThat(d.get("bytesEstimate").asLong()).isPositive();
            // Rows along ownership paths leave out rows the closure pulls in upward (a transferred
            // student's previous school, another district's guardian) and count rows it would drop,
            // so they are an estimate; on the sample estate they land within a few rows of the truth.
            // sp counts nodes (rowsPerStore.sp counts nodes too, no relationships), each for the district
            // owning the row its label's link names. A cross-tenant node (the planted connection's target,
            // the planted guardian) thus counts for its own district, as the generator counts it; the few
            // nodes of slack allow for a generator that files such a node under the district reaching it.
            // (Measured on the small estate: exact for all three districts.)
            for (JsonNode store : d.get("stores")) {
                String name = store.get("store").asText();
                long truth = expected.get("rowsPerStore").get(name).asLong();
                assertThat((double) store.get("rows").asLong()).as(name)
                        .isCloseTo(truth, within(name.equals("sp") ? 3.0 : truth * 0.05));
            }
            assertThat(d.get("stores")).extracting(s -> s.get("store").asText()).containsExactly("ids", "hcp1", "hcp2", "adb", "sp");
            JsonNode sp = d.get("stores").get(4);
            assertThat(sp.get("rows").asLong()).as("sp nodes").isPositive();
            assertThat(sp.get("bytes").asLong()).as("no size per label from Neo4j").isZero();
            long total = 0;
            for (JsonNode store : d.get("stores")) {
                total += store.get("rows").asLong();
            }
            assertThat(d.get("rows").asLong()).as("the total includes the graph's nodes").isEqualTo(total);
        }
        assertThat(console.err()).doesNotContain("not surveyed");
    }

    @Test
    void topLimitsTheTableAndPriorityComesFirst() throws IOException {
        Path dir = Files.createTempDirectory("districts-out-");
        assertThat(districts("--top", "1", "--out", dir.toString())).isZero();
        String text = console.out();
        assertThat(text.lines().filter(l -> l.contains("district-0"))).singleElement().asString()
                .startsWith("1 ").contains("district-001").contains("≈");
        console.reset();
        assertThat(districts("--priority", "district-003", "--format", "json", "--out", dir.toString())).isZero();
        JsonNode ds = JSON.readTree(console.out()).get("districts");
        assertThat(ds).extracting(d -> d.get("id").asText()).containsExactly("district-003", "district-001", "district-002");
    }

    @Test
    void theSpecsDistrictsSectionGivesPriorityCountsAndRate() throws IOException {
        String spec = Files.readString(estate.resolve("ferry.yaml"));
        int section = spec.indexOf("\ndistricts:");
        assertThat(section).as("the sample spec has a districts section").isPositive();
        Path dir = Files.createTempDirectory("districts-spec-");
        Files.copy(estate.resolve("estate.properties"), dir.resolve("estate.properties"));
        // Only students is named: the spec's counts replace detection, so staff and schools stay unknown.
        Files.writeString(dir.resolve("ferry.yaml"), spec.substring(0, section) + """

                districts:
                  counts: {students: {table: ids.public.person, where: "kind = 'student'"}}
                  priority: [district-003]
                  rowsPerSecond: 1
                """);

        assertThat(FerryCli.execute("districts", "--spec", dir.resolve("ferry.yaml").toString(), "--format", "json",
                "--out", dir.toString())).as(console.err()).isZero();

        JsonNode ds = JSON.readTree(console.out()).get("districts");
        JsonNode summary = JSON.readTree(estate.resolve("estate-summary.json").toFile()).get("districts");
        assertThat(ds).extracting(d -> d.get("id").asText()).containsExactly("district-003", "district-001", "district-002");
        JsonNode third = ds.get(0);
        assertThat(third.get("students").asLong()).isEqualTo(summary.get(2).get("students").asLong());
        assertThat(third.get("staff").isNull()).as("staff").isTrue();
        assertThat(third.get("schools").isNull()).as("schools").isTrue();
        assertThat(third.get("etaSeconds").asLong()).as("1 row per second").isEqualTo(third.get("rows").asLong());

        console.reset();
        assertThat(FerryCli.execute("districts", "--spec", dir.resolve("ferry.yaml").toString(), "--format", "json",
                "--out", dir.toString(), "--priority", "district-002", "--rows-per-second", "1000000",
                "--count", "staff=ids.public.person:kind = 'staff'")).as(console.err()).isZero();
        ds = JSON.readTree(console.out()).get("districts");
        assertThat(ds.get(0).get("id").asText()).as("--priority overrides the spec").isEqualTo("district-002");
        assertThat(ds.get(0).get("etaSeconds").asLong()).isEqualTo(1);
        assertThat(ds.get(0).get("students").asLong()).isEqualTo(summary.get(1).get("students").asLong());
        assertThat(ds.get(0).get("staff").asLong()).isEqualTo(summary.get(1).get("staff").asLong());
    }

    @Test
    void anUnknownSpecOrPriorityIsNotFound() {
        assertThat(FerryCli.execute("districts", "--spec", estate.resolve("nope.yaml").toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(districts("--priority", "district-999", "--out", estate.resolve("o").toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(console.err()).contains("district-999");
    }
}
