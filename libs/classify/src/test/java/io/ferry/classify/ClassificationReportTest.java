package io.ferry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.anonymize.strategy.FieldRule;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.model.AnonymizeRule;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The proposals as the command line prints them: YAML that parses, whose rules pasted under the spec's
 * {@code anonymize.rules} read through the spec parser and the anonymizer's rule checks and cover every
 * field that was proposed; comments that say why and list the covered fields; JSON with the same content;
 * and never a sampled value.
 */
class ClassificationReportTest {

    private static final TableId PERSON = TableId.parse("ids.public.person");
    private static final TableId SCHOOL = TableId.parse("ids.public.school");
    private static final TableId RESULT = TableId.parse("hcp2.public.\"AssessmentResult\"");
    private static final TableId PAYMENT = TableId.parse("ids.public.payment");
    private static final String CARD = "4111 1111 1111 1111";

    private static final String SPEC = """
            version: 1
            stores:
              ids: {kind: postgres, schemas: [public],
                    prod: {url: "jdbc:postgresql://127.0.0.1:1/ids", user: u, passwordEnv: PW},
                    cert: {url: "jdbc:postgresql://127.0.0.1:1/ids", user: u, passwordEnv: PW}}
              hcp2: {kind: postgres, schemas: [public],
                    prod: {url: "jdbc:postgresql://127.0.0.1:1/hcp2", user: u, passwordEnv: PW},
                    cert: {url: "jdbc:postgresql://127.0.0.1:1/hcp2", user: u, passwordEnv: PW}}
              sp: {kind: neo4j, prod: {url: "bolt://127.0.0.1:1"}, cert: {url: "bolt://127.0.0.1:1"}}
            tenant: {store: ids, table: public.district, key: [code]}
            anonymize:
              key: {file: secrets/ferry-key, version: 1}
              rules:
                - {column: ids.public.person.first_name, type: person.first_name}
            """;

    private static final List<SampledField> FIELDS = List.of(
            new SampledField(Field.column(PERSON, "id", "bigint"), List.of()),
            new SampledField(Field.column(PERSON, "first_name", "text"), List.of("Thea")),
            new SampledField(Field.column(PERSON, "email", "text"), List.of("thea@example.net")),
            new SampledField(Field.column(PERSON, "birth_date", "date"), List.of()),
            new SampledField(Field.jsonPath(PERSON, "contact_info", "$.address.city", "jsonb"), List.of("Salem")),
            new SampledField(Field.column(SCHOOL, "name", "text"), List.of("Lincoln High")),
            new SampledField(Field.column(RESULT, "parentEmail", "text"), List.of()),
            new SampledField(Field.column(PAYMENT, "reference", "text"), List.of(CARD, "5555555555554444")),
            new SampledField(Field.property("sp", "Person", "email", "String"), List.of("thea@example.net")));

    private static final List<Table> TABLES = List.of(table(PERSON, "id"), table(SCHOOL, "id"));

    private static Table table(TableId id, String key) {
        return new Table(id, TableKind.TABLE, List.of(), new Key(id.name() + "_pkey", List.of(key), true), List.of(),
                List.of(), List.of(), 10, 8192);
    }

    private static ClassificationReport report(Spec spec) {
        return new ClassificationReport(Assessment.assess(FIELDS, RuleIndex.of(spec)), TABLES);
    }

    private static SpecParser parser(Path dir) {
        return new SpecParser(Resolver.forFolder(dir, Map.of()), Set.of());
    }

    @Test
    void theProposedRulesParseAndPastedIntoTheSpecCoverEveryField(@TempDir Path dir) {
        Spec spec = parser(dir).read("ferry.yaml", SPEC, dir);
        ClassificationReport report = report(spec);
        assertThat(report.unruled()).extracting(a -> a.field().location()).containsExactly(
                "hcp2.public.\"AssessmentResult\".\"parentEmail\"",
                "ids.public.payment.reference",
                "ids.public.person.birth_date",
                "ids.public.person.contact_info->'$.address.city'",
                "ids.public.person.email",
                "sp:Person.email");
        assertThat(report.covered()).extracting(a -> a.field().location()).containsExactly("ids.public.person.first_name");

        String yaml = report.yaml(false);
        Map<String, Object> parsed = new Yaml().load(yaml);
        assertThat(parsed).containsOnlyKeys("anonymize");
        assertThat(yaml).contains(
                "    - {column: hcp2.public.\"AssessmentResult\".\"parentEmail\", type: person.email, strategy: fake}"
                        + " # by name: name 'parentEmail' reads as an email address",
                "    - {column: ids.public.payment.reference, type: payment.card_number, strategy: fpe}"
                        + " # pattern with checksum: 2 of 2 samples are payment card numbers",
                "    - {column: ids.public.person.birth_date, type: person.birth_date, strategy: date-shift,"
                        + " entity: ids.public.person.id} # by name",
                "    - {column: ids.public.person.contact_info, path: $.address.city, type: address.city, strategy: fake}",
                "    - {property: 'sp:Person.email', type: person.email, strategy: fake}",
                "# Covered by a rule already (1):",
                "#   ids.public.person.first_name: person.first_name (looks like person.first_name, by name)");
        assertThat(yaml).doesNotContain("Not personal").doesNotContain("ids.public.school.name");

        // Pasted under anonymize.rules, the rules read and cover every field: nothing is left to propose.
        List<String> items = yaml.lines().filter(l -> l.startsWith("    - ")).toList();
        assertThat(items).hasSize(6);
        String pasted = SPEC.replace("  rules:\n", "  rules:\n" + String.join("\n", items) + "\n");
        Spec after = parser(dir).read("ferry.yaml", pasted, dir);
        assertThat(after.anonymize().rules()).hasSize(7);
        after.anonymize().rules().forEach(FieldRule::of);
        assertThat(after.anonymize().rules()).containsAll(report.proposedRules());
        ClassificationReport again = report(after);
        assertThat(again.unruled()).isEmpty();
        assertThat(again.covered()).hasSize(7);
        assertThat(again.yaml(false)).contains("Nothing to add").contains("rules: []");
        assertThat(new Yaml().<Map<String, Object>>load(again.yaml(false))).containsOnlyKeys("anonymize");
    }

    @Test
    void allListsTheOtherFieldsAndJsonSaysTheSame(@TempDir Path dir) throws Exception {
        ClassificationReport report = report(parser(dir).read("ferry.yaml", SPEC, dir));
        assertThat(report.yaml(true)).contains("# Not personal (2):", "#   ids.public.school.name: name 'name' in a table of things");

        JsonNode json = new ObjectMapper().readTree(report.json(true));
        assertThat(json.get("fields").asInt()).isEqualTo(FIELDS.size());
        assertThat(json.get("proposed")).hasSize(6);
        JsonNode birth = json.get("proposed").get(2);
        assertThat(birth.get("location").asText()).isEqualTo("ids.public.person.birth_date");
        assertThat(birth.get("basis").asText()).isEqualTo("by name");
        assertThat(birth.get("rule").get("entity").asText()).isEqualTo("ids.public.person.id");
        assertThat(birth.get("rule").get("strategy").asText()).isEqualTo("date-shift");
        assertThat(json.get("proposed").get(5).get("rule").get("property").asText()).isEqualTo("sp:Person.email");
        assertThat(json.get("covered").get(0).get("ruleType").asText()).isEqualTo("person.first_name");
        assertThat(json.get("notPersonal")).hasSize(2);
        assertThat(new ObjectMapper().readTree(report.json(false)).has("notPersonal")).isFalse();
    }

    @Test
    void noSampledValueIsPrinted(@TempDir Path dir) {
        ClassificationReport report = report(parser(dir).read("ferry.yaml", SPEC, dir));
        for (String out : List.of(report.yaml(true), report.json(true))) {
            for (SampledField f : FIELDS) {
                f.samples().forEach(v -> assertThat(out).doesNotContain(v));
            }
        }
    }

    @Test
    void aRuleForAFieldThatDoesNotLookPersonalIsNoProposal() {
        AnonymizeRule keep = new AnonymizeRule("ids.public.school.name", null, null, "school.name", "keep: public", null);
        ClassificationReport report = new ClassificationReport(Assessment.assess(FIELDS, RuleIndex.of(List.of(keep))),
                TABLES);
        assertThat(report.notPersonal()).extracting(a -> a.rule().isPresent()).contains(true);
        assertThat(report.yaml(true)).contains("ids.public.school.name: name 'name' in a table of things or"
                + " organisations; a rule names it as school.name");
    }
}
