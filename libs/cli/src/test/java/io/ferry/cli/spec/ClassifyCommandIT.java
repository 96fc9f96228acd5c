package io.ferry.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.Console;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryCli;
import io.ferry.cli.SharedEstate;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code ferry classify} on real PROD servers (PostgreSQL a hot standby, Neo4j): with every anonymization rule
 * removed it flags exactly the personal fields of the small sample estate (its spec's rules, which cover the
 * planted JSON values, free text and honeytokens) and of Pagila; with the checked-in specs (the estate's,
 * Pagila's, Northwind's on PostgreSQL and Neo4j) it proposes nothing; the rules it prints parse, pass
 * {@code check-spec} and, pasted into the spec, make it exit 0; and it prints no value.
 */
class ClassifyCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every personal field of the sample estate, whole schemas, and the type proposed for it. */
    static final List<String> ESTATE_PERSONAL = List.of(
            "adb.public.event.client_ip network.ip",
            "adb.public.event.payload->'$.actor.email' person.email",
            "adb.public.event.payload->'$.actor.username' person.username",
            "adb.public.event.payload->'$.client.ip' network.ip",
            "hcp2.public.submission.teacher_comment text.free",
            "ids.public.person.birth_date person.birth_date",
            "ids.public.person.contact_info->'$.address.city' address.city",
            "ids.public.person.contact_info->'$.address.line1' address.street",
            "ids.public.person.contact_info->'$.address.postalCode' address.postal_code",
            "ids.public.person.contact_info->'$.emergencyContact.name' person.full_name",
            "ids.public.person.contact_info->'$.emergencyContact.phone' person.phone",
            "ids.public.person.email person.email",
            "ids.public.person.first_name person.first_name",
            "ids.public.person.last_name person.last_name",
            "ids.public.person.person_uuid person.uuid",
            "ids.public.person.phone person.phone",
            "ids.public.person.state_student_id student.state_id",
            "ids.public.user_account.email person.email",
            "ids.public.user_account.last_login_ip network.ip",
            "ids.public.user_account.password_hash secret.password_hash",
            "ids.public.user_account.username person.username",
            "sp:Person.email person.email",
            "sp:Person.firstName person.first_name",
            "sp:Person.lastName person.last_name",
            "sp:Person.username person.username");

    /** Every personal column of Pagila. */
    static final List<String> PAGILA_PERSONAL = List.of(
            "pagila.public.actor.first_name person.first_name",
            "pagila.public.actor.last_name person.last_name",
            "pagila.public.address.address address.street",
            "pagila.public.address.address2 address.street",
            "pagila.public.address.phone person.phone",
            "pagila.public.address.postal_code address.postal_code",
            "pagila.public.customer.email person.email",
            "pagila.public.customer.first_name person.first_name",
            "pagila.public.customer.last_name person.last_name",
            "pagila.public.staff.email person.email",
            "pagila.public.staff.first_name person.first_name",
            "pagila.public.staff.last_name person.last_name",
            "pagila.public.staff.password secret.password_hash",
            "pagila.public.staff.picture person.photo",
            "pagila.public.staff.username person.username");

    private static Path estate;
    private static Path work;
    private static PostgresServer pagila;

    @RegisterExtension
    final Console console = new Console();

    @BeforeAll
    static void prodUp() throws Exception {
        estate = SharedEstate.small();
        work = Files.createTempDirectory("classify-");
        if (Datasets.root().isPresent()) {
            pagila = PostgresServer.startTemporary();
            pagila.createDatabase("pagila");
            try (Connection c = pagila.connect("pagila")) {
                SqlScriptRunner.run(c, Datasets.root().orElseThrow().resolve("pagila/pagila.sql"));
            }
            pagila.restartAsStandby();
        }
    }

    @AfterAll
    static void prodDown() {
        if (pagila != null) {
            pagila.close();
        }
    }

    private int classify(Path spec, String... more) {
        List<String> args = new ArrayList<>(List.of("classify", "--spec", spec.toString()));
        args.addAll(List.of(more));
        return FerryCli.execute(args.toArray(String[]::new));
    }

    /** "location type" of every proposed rule in classify's JSON. */
    private static TreeSet<String> proposed(String json) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        JSON.readTree(json).get("proposed").forEach(p -> out.add(p.get("location").asText() + " " + p.get("type").asText()));
        return out;
    }

    private static String withoutRules(String spec) {
        String bare = spec.replaceFirst("(?s)\n  rules:\n.*?\n\n", "\n  rules: []\n\n");
        assertThat(bare).isNotEqualTo(spec).contains("  rules: []\n");
        return bare;
    }

    private static Path variant(String name, String spec, Path from) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.copy(from.resolve("estate.properties"), dir.resolve("estate.properties"));
        Files.writeString(dir.resolve("ferry.yaml"), spec);
        return dir.resolve("ferry.yaml");
    }

    @Test
    void theEstatesSpecHasARuleForEveryFieldThatLooksPersonal() {
        assertThat(classify(estate.resolve("ferry.yaml"))).as(console.err()).isEqualTo(ExitCodes.OK);
        String out = console.out();
        assertThat(new Yaml().<Map<String, Object>>load(out)).isEqualTo(Map.of("anonymize", Map.of("rules", List.of())));
        assertThat(out).contains("Nothing to add", "# Covered by a rule already (25):");
        assertThat(console.err()).contains("25 with one");

        // the defaults named: the same answer
        console.reset();
        assertThat(classify(estate.resolve("ferry.yaml"), "--format", "yaml", "--sample-size", "200"))
                .as(console.err()).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).isEqualTo(out);
    }

    @Test
    void withoutRulesItFlagsExactlyTheEstatesPersonalFieldsAndPrintsNoValue() throws IOException {
        Path bare = variant("estate-bare", withoutRules(Files.readString(estate.resolve("ferry.yaml"))), estate);
        assertThat(classify(bare, "--format", "json", "--all")).as(console.err()).isEqualTo(ExitCodes.NOT_OK);
        assertThat(proposed(console.out())).containsExactlyElementsOf(new TreeSet<>(ESTATE_PERSONAL));

        List<String> honeytokens = new ArrayList<>();
        JSON.readTree(estate.resolve("honeytokens.json").toFile()).get("honeytokens")
                .forEach(h -> honeytokens.add(h.get("value").asText()));
        assertThat(honeytokens).isNotEmpty();
        String printed = console.out() + console.err();
        honeytokens.forEach(h -> assertThat(printed).doesNotContain(h));
    }

    @Test
    void thePrintedRulesParsePassCheckSpecAndPastedIntoTheSpecMakeClassifyExitZero() throws IOException {
        String bareText = withoutRules(Files.readString(estate.resolve("ferry.yaml")));
        Path bare = variant("estate-paste-before", bareText, estate);
        assertThat(classify(bare)).as(console.err()).isEqualTo(ExitCodes.NOT_OK);
        String yaml = console.out();
        Map<String, Object> parsed = new Yaml().load(yaml);
        assertThat(parsed).containsOnlyKeys("anonymize");
        List<String> items = yaml.lines().filter(l -> l.startsWith("    - ")).toList();
        assertThat(items).hasSize(ESTATE_PERSONAL.size()).allMatch(l -> l.contains(" # by "));

        Path pasted = variant("estate-paste-after", bareText.replace("  rules: []\n",
                "  rules:\n" + String.join("\n", items) + "\n"), estate);
        console.reset();
        assertThat(FerryCli.execute("check-spec", "--spec", pasted.toString())).as(console.err()).isZero();
        console.reset();
        assertThat(classify(pasted)).as(console.err()).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).contains("Nothing to add", "(" + ESTATE_PERSONAL.size() + "):");
    }

    @Test
    void badUsageAndAStoreThatDoesNotAnswerHaveTheirExitCodes() throws IOException {
        assertThat(classify(estate.resolve("ferry.yaml"), "--format", "xml")).isEqualTo(ExitCodes.USAGE);
        assertThat(classify(estate.resolve("ferry.yaml"), "--sample-size", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--sample-size must be at least 1");
        assertThat(classify(work.resolve("missing.yaml"))).isEqualTo(ExitCodes.NOT_FOUND);
        Path down = Files.createDirectories(work.resolve("down"));
        Files.copy(estate.resolve("ferry.yaml"), down.resolve("ferry.yaml"));
        Files.writeString(down.resolve("estate.properties"), Files.readString(estate.resolve("estate.properties"))
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:1"));
        assertThat(classify(down.resolve("ferry.yaml"))).isEqualTo(ExitCodes.UNREACHABLE);
    }

    private Path pagilaSpec(String name, boolean rules) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        String spec = Files.readString(Datasets.repoRoot().resolve("specs/pagila/ferry.yaml"));
        Files.writeString(dir.resolve("ferry.yaml"), rules ? spec : withoutRules(spec));
        Files.writeString(dir.resolve("estate.properties"), properties("pagila", pagila.jdbcUrl("pagila")));
        return dir.resolve("ferry.yaml");
    }

    private static String properties(String store, String url) {
        return List.of("prod", "cert").stream().map(env -> env + "." + store + ".url=" + url + "\n" + env + "." + store
                + ".user=" + PostgresServer.SUPERUSER + "\n" + env + "." + store + ".password=unused\n")
                .collect(Collectors.joining());
    }

    @Test
    void pagilaWithoutRulesIsFlaggedOnExactlyItsPersonalColumnsAndItsSpecCoversThem() throws IOException {
        Assumptions.assumeTrue(pagila != null, Datasets.missingMessage());
        assertThat(classify(pagilaSpec("pagila-bare", false), "--format", "json")).as(console.err())
                .isEqualTo(ExitCodes.NOT_OK);
        assertThat(proposed(console.out())).containsExactlyElementsOf(new TreeSet<>(PAGILA_PERSONAL));

        console.reset();
        assertThat(classify(pagilaSpec("pagila", true))).as(console.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void northwindsSpecCoversEveryPersonalFieldOfItsDatabaseAndGraph() throws Exception {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
        Path data = Datasets.root().orElseThrow().resolve("northwind");
        try (PostgresServer pg = PostgresServer.startTemporary();
                Neo4jServer graph = NorthwindGraph.start(data)) {
            pg.createDatabase("nw");
            try (Connection c = pg.connect("nw")) {
                SqlScriptRunner.run(c, data.resolve("northwind-postgres.sql"));
            }
            Path dir = Files.createDirectories(work.resolve("northwind"));
            Files.copy(Datasets.repoRoot().resolve("specs/northwind/ferry.yaml"), dir.resolve("ferry.yaml"));
            Files.writeString(dir.resolve("estate.properties"), properties("nw", pg.jdbcUrl("nw"))
                    + "prod.graph.url=" + graph.boltUri() + "\ncert.graph.url=" + graph.boltUri() + "\n");
            assertThat(classify(dir.resolve("ferry.yaml"))).as(console.out()).isEqualTo(ExitCodes.OK);
        }
    }
}
