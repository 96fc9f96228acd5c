package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

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

/** {@code check-spec} and {@code analyze} against a real small estate (PROD a hot standby), and their bad input. */
class SpecCommandsIT {

    private static Path estate;
    /** Variants, analyses and keys go here, not into the shared estate's directory. */
    private static Path work;
    private static String spec;
    private static String properties;

    @RegisterExtension
    final Console console = new Console();

    @BeforeAll
    static void estateUp() throws IOException {
        estate = SharedEstate.small();
        work = Files.createTempDirectory("spec-commands-");
        spec = Files.readString(estate.resolve("ferry.yaml"));
        properties = Files.readString(estate.resolve("estate.properties"));
    }


    @Test
    void theGeneratedSpecChecksCleanAgainstTheLiveStandby() {
        int code = FerryCli.execute("check-spec", "--spec", estate.resolve("ferry.yaml").toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("OK (5 stores");
    }

    @Test
    void anUnknownTableIsNamedWithFileLineColumnAndAHint() throws IOException {
        Path bad = variant("bad-table", spec.replace("table: public.district,", "table: public.districts,"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .containsPattern("ferry\\.yaml:\\d+:\\d+: tenant\\.table: no table ids\\.public\\.districts")
                .contains("did you mean district");
    }

    @Test
    void aSyntaxErrorIsReportedBeforeAnyStoreIsOpened() throws IOException {
        Path bad = variant("bad-policy", spec.replace("crossTenant: copy", "crossTenant: cpy"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .containsPattern("ferry\\.yaml:\\d+:\\d+: closure\\.crossTenant: unknown crossTenant policy 'cpy'");
    }

    @Test
    void aRowFilterThatDoesNotRunIsReportedWithTheDatabasesReason() throws IOException {
        String tables = "tables: {ids.public.grade_level: copy-all, hcp1.public.subject: copy-all}";
        assertThat(spec).contains(tables);
        Path bad = variant("bad-filter", spec.replace(tables, "tables: {ids.public.grade_level: copy-all,"
                + " hcp1.public.subject: copy-all, adb.public.event: {filter: \"no_such_column > 1\"}}"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .containsPattern("ferry\\.yaml:\\d+:\\d+: closure\\.tables\\.\"adb\\.public\\.event\"\\.filter: the row filter"
                        + " does not run on adb\\.public\\.event: .*no_such_column.* does not exist");

        console.reset();
        Path good = variant("good-filter", spec.replace(tables, "tables: {ids.public.grade_level: copy-all,"
                + " hcp1.public.subject: copy-all, adb.public.event: {filter: \"id > 0\"}}"), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", good.toString())).as(console.err())
                .isZero();
    }

    @Test
    void aBusinessRuleThatDoesNotRunInCertIsReportedWithFileLineAndTheDatabasesReason() throws IOException {
        String rule = "check: \"points_earned <= points_possible\"";
        assertThat(spec).contains(rule);
        Path bad = variant("bad-rule", spec.replace(rule, "check: \"points_earned <= points_posible\""), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err()).containsPattern("ferry\\.yaml:\\d+:\\d+: validate\\.rules\\[1\\]\\.check: the rule does not"
                + " run in CERT on hcp2\\.public\\.grade: .*points_posible.* does not exist");

        console.reset();
        Path notBoolean = variant("non-boolean-rule", spec.replace(rule, "check: \"points_earned + 1\""), properties);
        assertThat(FerryCli.execute("check-spec", "--spec", notBoolean.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err()).containsPattern("validate\\.rules\\[1\\]\\.check: .*must be type boolean");
    }

    @Test
    void initTargetRefusesCertUrlsThatReachProdAndWritesNothing() throws IOException {
        // Every CERT URL pointed at PROD's server (a hot standby here): refused before anything is written.
        StringBuilder pointedAtProd = new StringBuilder();
        for (String line : properties.lines().toList()) {
            if (line.startsWith("cert.") && line.contains(".url=jdbc:")) {
                String key = line.substring(0, line.indexOf('='));
                String prodKey = "prod." + key.substring("cert.".length());
                String prodUrl = properties.lines().filter(l -> l.startsWith(prodKey + "=")).findFirst().orElseThrow();
                pointedAtProd.append(key).append(prodUrl.substring(prodKey.length())).append('\n');
            } else {
                pointedAtProd.append(line).append('\n');
            }
        }
        Path bad = variant("cert-is-prod", spec, pointedAtProd.toString());

        assertThat(FerryCli.execute("init-target", "--spec", bad.toString(), "--admin-user", "postgres"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(console.err()).contains("ferry: store ids (cert) is a standby in recovery")
                .doesNotContain("Exception");
    }

    @Test
    void aCountConditionThatDoesNotRunIsReportedAtItsWhere() throws IOException {
        assertThat(spec).contains("where: \"kind = 'staff'\"");
        Path bad = variant("bad-count", spec.replace("where: \"kind = 'staff'\"", "where: \"kinds = 'staff'\""),
                properties);
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err()).containsPattern("ferry\\.yaml:\\d+:\\d+: districts\\.counts\\.staff\\.where: the count"
                + " condition does not run on ids\\.public\\.person: .*kinds.* does not exist");
    }

    @Test
    void aUserWhoMayNotReadTheTablesIsExitFourNamingTheGrant() throws Exception {
        // PROD is a standby and takes no new role: point "prod" ids at CERT's ids with a user without grants.
        String certIds = property("cert.ids.url");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(certIds, "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'no_rights') THEN"
                    + " CREATE ROLE no_rights LOGIN PASSWORD 'nr'; END IF; END $$");
        }
        String props = properties
                .replaceAll("(?m)^prod\\.ids\\.url=.*$", java.util.regex.Matcher.quoteReplacement("prod.ids.url=" + certIds))
                .replaceAll("(?m)^prod\\.ids\\.user=.*$", "prod.ids.user=no_rights")
                .replaceAll("(?m)^prod\\.ids\\.password=.*$", "prod.ids.password=nr");
        Path variant = variant("no-rights", spec, props);

        assertThat(FerryCli.execute("check-spec", "--spec", variant.toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(console.err())
                .contains("store ids (prod): user no_rights may not read 7 table(s): public.district")
                .contains("GRANT pg_read_all_data TO no_rights");

        console.reset();
        assertThat(FerryCli.execute("plan", "--spec", variant.toString(), "--district", "district-001"))
                .isEqualTo(ExitCodes.REFUSED);
        assertThat(console.err()).contains("permission denied reading ids.public.");
    }

    @Test
    void anExceededRowLimitStopsThePlanNamingTableAndLimit() throws IOException {
        String tables = "tables: {ids.public.grade_level: copy-all, hcp1.public.subject: copy-all}";
        Path limited = variant("row-limit", spec.replace(tables, "tables: {ids.public.grade_level: copy-all,"
                + " hcp1.public.subject: copy-all, ids.public.person: {limit: 100}}"), properties);
        assertThat(FerryCli.execute("plan", "--spec", limited.toString(), "--district", "district-001"))
                .isEqualTo(ExitCodes.NOT_OK);
        assertThat(console.err())
                .contains("table ids.public.person would hold more than 100 rows in the closure (row limit 100)");
    }

    private static String property(String key) {
        return properties.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow()
                .substring(key.length() + 1);
    }

    @Test
    void aRefusedPasswordIsExitFourAndNeverPrinted() throws IOException {
        Path bad = variant("bad-password", spec, properties.replaceAll("(?m)^prod\\.ids\\.password=.*$",
                "prod.ids.password=not-the-password"));
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.REFUSED);
        assertThat(console.err()).contains("store ids (prod").contains("refused")
                .doesNotContain("not-the-password");
    }

    @Test
    void anUnreachableStoreIsExitThree() throws IOException {
        Path bad = variant("unreachable", spec, properties.replaceAll("(?m)^prod\\.hcp1\\.url=.*$",
                "prod.hcp1.url=jdbc:postgresql://127.0.0.1:1/hcp1"));
        assertThat(FerryCli.execute("check-spec", "--spec", bad.toString())).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(console.err()).contains("store hcp1 (prod").contains("unreachable");
    }

    @Test
    void aMissingSpecIsExitFive() {
        assertThat(FerryCli.execute("check-spec", "--spec", estate.resolve("nope.yaml").toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(console.err()).contains("no spec at");
    }

    @Test
    void analyzeWritesTheFourFilesWithTheEstatesCycles() throws IOException {
        Path outDir = work.resolve("analysis");
        int code = FerryCli.execute("analyze", "--spec", estate.resolve("ferry.yaml").toString(), "--out", outDir.toString());
        assertThat(code).as(console.err()).isZero();
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
        Path keys = work.resolve("keys-001");
        int code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district",
                "district-001", "--format", "json", "--keys-out", keys.toString());
        assertThat(code).as(console.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(console.out());
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
        assertThat(console.out())
                .contains("hcp2.public.submission(person_id) -> ids.public.person(id): 1 (fail)");
        assertThat(console.err()).contains("dangling reference(s) hcp2.public.submission(person_id)");
    }

    @Test
    void anUnknownDistrictIsExitFive() {
        int code = FerryCli.execute("plan", "--spec", estate.resolve("ferry.yaml").toString(), "--district", "district-999");
        assertThat(code).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(console.err()).contains("no row of ids.public.district has code=district-999");
    }

    /** A copy of the estate's spec and properties, changed, in its own folder. */
    private static Path variant(String name, String specText, String propertiesText) throws IOException {
        Path dir = Files.createDirectories(work.resolve("variants").resolve(name));
        Files.writeString(dir.resolve("estate.properties"), propertiesText);
        Files.writeString(dir.resolve("ferry.yaml"), specText);
        return dir.resolve("ferry.yaml");
    }
}
