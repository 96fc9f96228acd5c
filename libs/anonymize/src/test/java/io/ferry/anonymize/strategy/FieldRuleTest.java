package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.ferry.spec.model.AnonymizeRule;

class FieldRuleTest {

    @Test
    void everyKnownTypeHasADefaultStrategy() {
        assertThat(FieldRule.of("person.first_name", null)).isEqualTo(new FieldRule(DataType.FIRST_NAME, Strategy.FAKE, null));
        assertThat(FieldRule.of("person.birth_date", null).specString()).isEqualTo("date-shift: 365");
        assertThat(FieldRule.of("person.uuid", "").specString()).isEqualTo("fpe: hex");
        assertThat(FieldRule.of("secret.password_hash", null).specString()).isEqualTo("hash: 32");
        assertThat(FieldRule.of("address.postal_code", null).strategy()).isEqualTo(Strategy.TOKEN);
        assertThat(FieldRule.of("text.free", null).delegated()).isTrue();
        for (DataType type : DataType.known()) {
            assertThat(FieldRule.of(type)).extracting(FieldRule::type).isEqualTo(type);
        }
    }

    @Test
    void aliasesResolveToTheKnownType() {
        assertThat(DataType.of("account.username")).isSameAs(DataType.USERNAME);
        assertThat(DataType.of("person.address.zip")).isSameAs(DataType.POSTAL_CODE);
        assertThat(DataType.of(" Person.Address.City ")).isSameAs(DataType.CITY);
        assertThat(DataType.of("free_text")).isSameAs(DataType.FREE_TEXT);
        assertThat(DataType.of("school.motto").isKnown()).isFalse();
    }

    @Test
    void readsTheArgumentAfterTheColon() {
        assertThat(FieldRule.of("person.birth_date", "date-shift: 30").argument()).isEqualTo("30");
        assertThat(FieldRule.of("person.birth_date", "generalize").argument()).isEqualTo("year");
        assertThat(FieldRule.of("address.postal_code", "generalize").argument()).isEqualTo("zip3");
        assertThat(FieldRule.of("person.phone", "keep: the school's public switchboard: 555").argument())
                .isEqualTo("the school's public switchboard: 555");
        assertThat(FieldRule.of("person.first_name", "constant: N/A").argument()).isEqualTo("N/A");
        assertThat(FieldRule.of("person.first_name", "constant:").argument()).isEmpty();
        assertThat(FieldRule.of("school.motto", "FAKE: Company.Name").argument()).isEqualTo("company.name");
        assertThat(FieldRule.of("person.ssn", "hash: 16").argument()).isEqualTo("16");
        assertThat(FieldRule.of("text.free", "redact-entities").strategy()).isEqualTo(Strategy.SCRUB);
    }

    @Test
    void rulesThatMeanTheSameAreEqual() {
        assertThat(FieldRule.of("person.birth_date", null)).isEqualTo(FieldRule.of("person.birth_date", "date-shift: 365"));
        assertThat(FieldRule.of("person.first_name", "hash")).isEqualTo(FieldRule.of("person.first_name", "hash: 32"));
        assertThat(FieldRule.of("account.username", null)).isEqualTo(FieldRule.of("person.username", "fake"));
    }

    @Test
    void keepWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> FieldRule.of("person.phone", "keep"))
                .isInstanceOf(RuleException.class)
                .hasMessage("strategy keep for type person.phone needs a reason; write \"keep: REASON\", e.g. "
                        + "\"keep: the school's public phone number\"");
        assertThatThrownBy(() -> FieldRule.of("person.phone", "keep:   ")).isInstanceOf(RuleException.class);
    }

    @Test
    void errorsNameTheRuleAndWhatToWrite() {
        AnonymizeRule rule = new AnonymizeRule("ids.public.person.birth_date", null, null, "person.birth_date",
                "dateshift", "ids.public.person.id");

        assertThatThrownBy(() -> FieldRule.of(rule)).isInstanceOf(RuleException.class)
                .hasMessage("anonymize rule for column ids.public.person.birth_date: unknown strategy 'dateshift' "
                        + "(did you mean 'date-shift'?); write one of fake, hash, token, fpe, date-shift, generalize, "
                        + "null, redact, constant, keep");

        AnonymizeRule graph = new AnonymizeRule(null, "sp:Person.photo", null, "person.photo", null, null);
        assertThatThrownBy(() -> FieldRule.of(graph)).hasMessage("anonymize rule for property sp:Person.photo: type "
                + "person.photo has no default strategy; name one, e.g. strategy: hash (or token, redact, null, "
                + "\"constant: VALUE\", \"keep: REASON\")");

        AnonymizeRule json = new AnonymizeRule("adb.public.event.payload", null, "$.actor.nickname", "person.nickname",
                "fake", null);
        assertThatThrownBy(() -> FieldRule.of(json)).hasMessageStartingWith("anonymize rule for column "
                + "adb.public.event.payload path $.actor.nickname: strategy fake for type person.nickname: there is "
                + "no fake generator for this type; write \"fake: PROVIDER\" with one of name.first_name, ");
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> FieldRule.of("person.birth_date", "date-shift: 0"))
                .hasMessageContaining("write \"date-shift: 365\" (1 to 3650)");
        assertThatThrownBy(() -> FieldRule.of("person.first_name", "generalize"))
                .hasMessageContaining("needs a level; write \"generalize: year\"");
        assertThatThrownBy(() -> FieldRule.of("person.birth_date", "generalize: decade"))
                .hasMessageContaining("unknown level 'decade'");
        assertThatThrownBy(() -> FieldRule.of("person.first_name", "constant")).hasMessageContaining("needs the value");
        assertThatThrownBy(() -> FieldRule.of("person.email", "fake: name.first_name"))
                .hasMessageContaining("takes no argument: its values are generated in a reserved range");
        assertThatThrownBy(() -> FieldRule.of("school.motto", "fake: lorem.sentence"))
                .hasMessageContaining("unknown provider 'lorem.sentence'");
        assertThatThrownBy(() -> FieldRule.of("person.first_name", "token: keep")).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> FieldRule.of("person.uuid", "fpe: base64")).hasMessageContaining("unknown alphabet");
        assertThatThrownBy(() -> FieldRule.of("person.first_name", "hash: 4")).hasMessageContaining("(8 to 64)");
        assertThatThrownBy(() -> FieldRule.of("person.first_name", "scrub")).hasMessageContaining("only text.free");
        assertThatThrownBy(() -> FieldRule.of("person.birth_date", "fake")).hasMessageContaining("or date-shift");
        assertThatThrownBy(() -> FieldRule.of("Person Name", null)).hasMessageContaining("is not a data type name");
        assertThatThrownBy(() -> FieldRule.of(" ", null)).hasMessageContaining("the rule has no type");
    }

    @Test
    void tellsWhatTheRuleGenerates() {
        assertThat(FieldRule.of("person.email", null).generatesReservedRange()).isTrue();
        assertThat(FieldRule.of("person.email", null).unique()).isTrue();
        assertThat(FieldRule.of("person.phone", null).unique()).isFalse();
        assertThat(FieldRule.of("person.phone", "fpe").unique()).isTrue();
        assertThat(FieldRule.of("person.phone", "fpe").generatesReservedRange()).isFalse();
        assertThat(FieldRule.of("person.birth_date", null).entityScoped()).isTrue();
        assertThat(Strategy.FAKE.transforms()).isTrue();
        assertThat(Strategy.GENERALIZE.transforms()).isFalse();
    }

    /** The rules of the checked-in specs (sample estate, Pagila, Northwind) all read. */
    @Test
    void everyRuleOfTheCheckedInSpecsReads() throws IOException {
        Path root = Path.of(System.getProperty("ferry.repo.root", "../.."));
        List<Path> specs = List.of(root.resolve("libs/sample-estate/src/main/resources/io/ferry/estate/ferry.yaml"),
                root.resolve("specs/pagila/ferry.yaml"), root.resolve("specs/northwind/ferry.yaml"));
        List<FieldRule> rules = new ArrayList<>();
        for (Path spec : specs) {
            Map<String, Object> yaml = new Yaml().load(Files.readString(spec));
            @SuppressWarnings("unchecked")
            List<Map<String, String>> list = (List<Map<String, String>>) ((Map<String, Object>) yaml.get("anonymize"))
                    .get("rules");
            for (Map<String, String> r : list) {
                rules.add(FieldRule.of(new AnonymizeRule(r.get("column"), r.get("property"), r.get("path"),
                        r.get("type"), r.get("strategy"), r.get("entity"))));
            }
        }
        assertThat(rules).hasSizeGreaterThan(40);
        assertThat(rules).extracting(FieldRule::strategy).contains(Strategy.FAKE, Strategy.DATE_SHIFT, Strategy.REDACT,
                Strategy.SCRUB, Strategy.HASH, Strategy.FPE);
    }
}
