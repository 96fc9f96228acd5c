package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code check-spec} and {@code analyze} against a real small estate (PROD a hot standby), and their bad input. */
class SpecCommandsIT {

    private static Path estate;
    private static String spec;
    private static String properties;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeAll
    static void estateUp() throws IOException {
        estate = Files.createTempDirectory("spec-commands-");
        assertThat(FerryCli.execute("estate", "up", "--preset", "small", "--dir", estate.toString())).isZero();
        spec = Files.readString(estate.resolve("ferry.yaml"));
        properties = Files.readString(estate.resolve("estate.properties"));
    }

    @AfterAll
    static void estateDown() {
        FerryCli.execute("estate", "down", "--dir", estate.toString());
    }

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void theGeneratedSpecChecksCleanAgainstTheLiveStandby() {
        int code = FerryCli.execute("check-spec", "--spec", estate.resolve("ferry.yaml").toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK (5 stores");
    }

    @Test
    void anUnknownTableIsNamedWithFileLineColumnAndAHint() throws IOException {
        Path bad = variant("bad-table", spec.replace("table: public.district,", "table: public.districts,"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("ferry\\.yaml:\\d+:\\d+: tenant\\.table: no table ids\\.public\\.districts")
                .contains("did you mean district");
    }

    @Test
    void aSyntaxErrorIsReportedBeforeAnyStoreIsOpened() throws IOException {
        Path bad = variant("bad-policy", spec.replace("crossTenant: copy", "crossTenant: cpy"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("ferry\\.yaml:\\d+:\\d+: closure\\.crossTenant: unknown crossTenant policy 'cpy'");
    }

    @Test
    void aRowFilterThatDoesNotRunIsReportedWithTheDatabasesReason() throws IOException {
        String tables = "tables: {ids.public.grade_level: copy-all, hcp1.public.subject: copy-all}";
        assertThat(spec).contains(tables);
        Path bad = variant("bad-filter", spec.replace(tables, "tables: {ids.public.grade_level: copy-all,"
                + " hcp1.public.subject: copy-all, adb.public.event: {filter: \"no_such_column > 1\"}}"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("ferry\\.yaml:\\d+:\\d+: closure\\.tables\\.\"adb\\.public\\.event\"\\.filter: the row filter"
                        + " does not run on adb\\.public\\.event: .*no_such_column.* does not exist");

        err.reset();
        Path good = variant("good-filter", spec.replace(tables, "tables: {ids.public.grade_level: copy-all,"
                + " hcp1.public.subject: copy-all, adb.public.event: {filter: \"id > 0\"}}"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", good.toString())).as(err.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    @Test
    void aRefusedPasswordIsExitFourAndNeverPrinted() throws IOException {
        Path bad = variant("bad-password", spec, properties.replaceAll("(?m)^prod\\.ids\\.password=.*$",
                "prod.ids.password=not-the-password"));
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("store ids (prod").contains("refused")
                .doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableStoreIsExitThree() throws IOException {
        Path bad = variant("unreachable", spec, properties.replaceAll("(?m)^prod\\.hcp1\\.url=.*$",
                "prod.hcp1.url=jdbc:postgresql://127.0.0.1:1/hcp1"));
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("store hcp1 (prod").contains("unreachable");
    }

    @Test
    void aMissingSpecIsExitFive() {
        assertThat(FerryCli.execute("check-spec", "--spec", estate.resolve("nope.yaml").toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no spec at");
    }

    @Test
    void analyzeWritesTheFourFilesWithTheEstatesCycles() throws IOException {
        Path outDir = estate.resolve("analysis");
        int code = FerryCli.execute("analyze", "--spec", estate.resolve("ferry.yaml").toString(), "--out", outDir.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (String f : new String[] {"schema-analysis.json", "dependency-graph.dot", "extraction-order.json", "README.md"}) {
            assertThat(outDir.resolve(f)).isNotEmptyFile();
        }
        String readme = Files.readString(outDir.resolve("README.md"));
        assertThat(readme).contains("public.rubric, public.rubric_criterion").contains("public.gradebook, public.grading_period");
        JsonNode analysis = new ObjectMapper().readTree(outDir.resolve("schema-analysis.json").toFile());
        assertThat(analysis.toString()).contains("\"AssessmentResult\"").contains("daily_usage");
    }

    @Test
    void planFindsExactlyThePlantedCrossTenantRowsAndOrphansOfTheTopDistrict() throws IOException {
        Path keys = estate.resolve("keys-001");
        int code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district",
                "district-001", "--format", "json", "--keys-out", keys.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode plan = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode planted = new ObjectMapper().readTree(estate.resolve("planted.json").toFile()).get("planted");

        java.util.Set<String> expectedOrigins = new java.util.TreeSet<>();
        java.util.Map<String, Long> expectedOrphans = new java.util.TreeMap<>();
        for (JsonNode p : planted) {
            String kind = p.get("kind").asText();
            if (!"district-001".equals(p.path("district").asText())) {
                continue;
            }
            if (kind.startsWith("cross-tenant") && !p.get("store").asText().equals("sp")) {
                p.get("keys").forEach(k -> expectedOrigins.add(p.get("store").asText() + "." + p.get("table").asText()
                        + "[" + k.asText() + "]"));
            }
            if (kind.equals("orphan")) {
                expectedOrphans.put(p.get("store").asText() + "." + p.get("table").asText() + "("
                        + p.get("columns").get(0).asText() + ")", p.get("count").asLong());
            }
        }
        java.util.Set<String> origins = new java.util.TreeSet<>();
        plan.get("crossTenant").forEach(c -> {
            assertThat(c.get("owner").asText()).isEqualTo("district-002");
            if (!c.get("store").asText().equals("sp")) {
                origins.add(c.get("path").get(0).asText());
            }
        });
        assertThat(origins).isEqualTo(expectedOrigins).hasSize(2);
        java.util.Map<String, Long> orphans = new java.util.TreeMap<>();
        plan.get("dangling").forEach(d -> {
            assertThat(d.get("policy").asText()).isEqualTo("drop");
            orphans.put(d.get("from").asText(), d.get("count").asLong());
        });
        assertThat(orphans).isEqualTo(expectedOrphans);

        long people = 0;
        for (JsonNode t : plan.get("tables")) {
            if (t.get("table").asText().equals("public.person") && t.get("store").asText().equals("ids")) {
                people = t.get("rows").asLong();
            }
        }
        // header line plus one line per key
        assertThat(Files.readAllLines(keys.resolve("ids").resolve("public.person.csv"))).hasSize((int) people + 1);
    }

    @Test
    void theLowestDistrictsDanglingReferenceFailsThePlan() {
        int code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district",
                "district-003");
        assertThat(code).isEqualTo(ExitCodes.NOT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("hcp2.public.submission(person_id) -> ids.public.person(id): 1 (fail)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dangling reference(s) hcp2.public.submission(person_id)");
    }

    @Test
    void anUnknownDistrictIsExitFive() {
        int code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district", "district-999");
        assertThat(code).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no row of ids.public.district has code=district-999");
    }

    /** A copy of the estate's spec and properties, changed, in its own folder. */
    private static Path variant(String name, String specText, String propertiesText) throws IOException {
        Path dir = Files.createDirectories(estate.resolve("variants").resolve(name));
        Files.writeString(dir.resolve("estate.properties"), propertiesText);
        Files.writeString(dir.resolve("ferry.yaml"), specText);
        return dir.resolve("ferry.yaml");
    }
}
