package io.ferry.extractor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.DataType;
import io.ferry.anonymize.classify.Field;
import io.ferry.anonymize.classify.RuleIndex;
import io.ferry.classify.Assessment;
import io.ferry.classify.SampledField;
import io.ferry.contracts.messages.PreflightResult.Finding;
import io.ferry.contracts.messages.PreflightResult.Problem;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.AnonymizeRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which fields the spec's rules cover, the rule a finding asks for, and how a finding names its field;
 * the analysis that turns classified fields into findings.
 */
class PreflightRulesTest {

    private static final TableId PERSON = TableId.parse("ids.public.person");
    private static final TableId RESULT = TableId.parse("hcp2.public.\"AssessmentResult\"");

    private static AnonymizeRule column(String column, String path, String type) {
        return new AnonymizeRule(column, null, path, type, null, null);
    }

    private static AnonymizeRule property(String property, String type) {
        return new AnonymizeRule(null, property, null, type, null, null);
    }

    private final RuleIndex rules = RuleIndex.of(List.of(
            column("ids.public.person.email", null, "person.email"),
            column("ids.public.person.contact_info", "$.address", "address.street"),
            column("adb.public.event.payload", null, "text.free"),
            column("hcp2.public.\"AssessmentResult\".\"personId\"", null, "person.full_name"),
            property("sp:Person.firstName", "person.first_name"),
            property("sp:`Odd Label`.`odd prop`", "person.last_name"),
            column("ids.public.person", null, "person.email"),
            property("nocolon", "person.email")));

    @Test
    void aRuleCoversItsColumnItsJsonSubtreeOrItsProperty() {
        assertThat(rules.covering(Field.column(PERSON, "email", "text"))).isPresent();
        assertThat(rules.covering(Field.column(PERSON, "phone", "text"))).isEmpty();
        assertThat(rules.covering(Field.jsonPath(PERSON, "contact_info", "$.address.city", "jsonb"))).isPresent();
        assertThat(rules.covering(Field.jsonPath(PERSON, "contact_info", "$.address", "jsonb"))).isPresent();
        assertThat(rules.covering(Field.jsonPath(PERSON, "contact_info", "$.addressBook", "jsonb"))).isEmpty();
        assertThat(rules.covering(Field.jsonPath(PERSON, "contact_info", "$.emergencyContact.name", "jsonb"))).isEmpty();
        assertThat(rules.covering(Field.jsonPath(TableId.parse("adb.public.event"), "payload", "$.actor.email", "jsonb")))
                .as("a whole-column rule covers every leaf").isPresent();
        assertThat(rules.covering(Field.column(RESULT, "personId", "bigint"))).isPresent();
        assertThat(rules.covering(Field.property("sp", "Person", "firstName", "String"))).isPresent();
        assertThat(rules.covering(Field.property("sp", "Person", "lastName", "String"))).isEmpty();
        assertThat(rules.covering(Field.property("sp", "Odd Label", "odd prop", "String"))).isPresent();
        assertThat(rules.covering(Field.column(new TableId("sp", TableId.LABELS, "Person"), "firstName", "String")))
                .as("a column rule never covers a property").isEmpty();
        assertThat(rules.unreadable()).containsExactly("ids.public.person", "nocolon");
    }

    @Test
    void aPathRuleIsPreferredToAWholeColumnRule() {
        RuleIndex both = RuleIndex.of(List.of(column("ids.public.person.contact_info", null, "text.free"),
                column("ids.public.person.contact_info", "$.address.city", "address.city")));
        assertThat(both.covering(Field.jsonPath(PERSON, "contact_info", "$.address.city", "jsonb")))
                .map(RuleIndex.Ruled::dataType).contains(Optional.of(DataType.CITY));
    }

    @Test
    void findingsNameTheFieldAsTheContractDoesAndTheSnippetIsTheSpecLine() {
        Field email = Field.column(PERSON, "email", "text");
        assertThat(email.tableText()).isEqualTo("public.person");
        assertThat(email.fieldText()).isEqualTo("email");
        assertThat(email.ruleSnippet(DataType.EMAIL)).isEqualTo("{column: ids.public.person.email, type: person.email}");

        Field json = Field.jsonPath(TableId.parse("adb.public.event"), "payload", "$.contact.email", "jsonb");
        assertThat(json.fieldText()).isEqualTo("payload->'$.contact.email'");
        assertThat(json.ruleSnippet(DataType.EMAIL))
                .isEqualTo("{column: adb.public.event.payload, path: \"$.contact.email\", type: person.email}");

        Field quoted = Field.column(RESULT, "personId", "text");
        assertThat(quoted.tableText()).isEqualTo("public.\"AssessmentResult\"");
        assertThat(quoted.fieldText()).isEqualTo("\"personId\"");
        assertThat(quoted.ruleSnippet(DataType.FULL_NAME))
                .isEqualTo("{column: 'hcp2.public.\"AssessmentResult\".\"personId\"', type: person.full_name}");

        Field property = Field.property("sp", "Person", "email", "String");
        assertThat(property.tableText()).isEqualTo("label.Person");
        assertThat(property.fieldText()).isEqualTo("email");
        assertThat(property.ruleSnippet(DataType.EMAIL)).isEqualTo("{property: \"sp:Person.email\", type: person.email}");
    }

    @Test
    void theAnalysisTurnsUnruledPersonalFieldsIntoSortedFindings() {
        List<SampledField> fields = List.of(
                new SampledField(Field.column(PERSON, "phone", "text"), List.of()),
                new SampledField(Field.column(PERSON, "email", "text"), List.of()),
                new SampledField(Field.column(PERSON, "first_name", "text"), List.of()),
                new SampledField(Field.column(PERSON, "kind", "person_kind"), List.of("student")),
                new SampledField(Field.property("sp", "Person", "firstName", "String"), List.of()),
                new SampledField(Field.jsonPath(PERSON, "contact_info", "$.emergencyContact.phone", "jsonb"),
                        List.of("(217) 384-2291")),
                new SampledField(Field.column(PERSON, "password_hash", "bytea"), List.of()));
        List<Assessment> assessed = Assessment.assess(fields, rules);
        assertThat(PreflightAnalysis.unruledFindings(assessed)).containsExactly(
                new Finding("ids", "public.person", "contact_info->'$.emergencyContact.phone'",
                        Problem.UNRULED_PERSONAL_FIELD, "person.phone"),
                new Finding("ids", "public.person", "first_name", Problem.UNRULED_PERSONAL_FIELD, "person.first_name"),
                new Finding("ids", "public.person", "password_hash", Problem.UNRULED_PERSONAL_FIELD,
                        "secret.password_hash"),
                new Finding("ids", "public.person", "phone", Problem.UNRULED_PERSONAL_FIELD, "person.phone"));
        Assessment email = assessed.get(1);
        assertThat(email.unruledPersonal()).isFalse();
        assertThat(email.effectiveType()).contains(DataType.EMAIL);
    }

    @Test
    void ruleTypesAreReadUnderTheirSpecNamesAndTheOlderSpellings() {
        assertThat(DataType.fromSpecName("address.street")).contains(DataType.STREET);
        assertThat(DataType.fromSpecName("person.address.street")).contains(DataType.STREET);
        assertThat(DataType.fromSpecName("account.username")).contains(DataType.USERNAME);
        assertThat(DataType.fromSpecName("free_text")).contains(DataType.FREE_TEXT);
        assertThat(DataType.fromSpecName(" Person.Email ")).contains(DataType.EMAIL);
        assertThat(DataType.fromSpecName("secret.password_hash")).isEmpty();
        assertThat(DataType.fromSpecName(null)).isEmpty();
    }
}
