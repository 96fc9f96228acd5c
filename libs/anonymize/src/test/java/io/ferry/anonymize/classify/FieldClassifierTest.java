package io.ferry.anonymize.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.FieldClassifier.Signal;
import io.ferry.anonymize.classify.FieldClassifier.Verdict;
import io.ferry.schema.model.TableId;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classifier's names, types and sampled values, on the sample estate's, Pagila's and Northwind's
 * columns (whose personal fields are known) and on the usual abbreviations; and that a reason never
 * carries a sampled value.
 */
class FieldClassifierTest {

    private static Field column(String table, String column, String type) {
        return Field.column(new TableId("s", "public", table), column, type);
    }

    private static String byName(String table, String column, String type) {
        Verdict v = FieldClassifier.classify(column(table, column, type), List.of());
        return v.personal() ? v.type().specName() : "-";
    }

    @ParameterizedTest(name = "{0}.{1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            person         | first_name        | text                   | person.first_name
            person         | fname             | character varying(40)  | person.first_name
            person         | first_nm          | text                   | person.first_name
            person         | FirstName         | text                   | person.first_name
            person         | givenName         | text                   | person.first_name
            person         | middle_name       | text                   | person.first_name
            employees      | last_name         | character varying(20)  | person.last_name
            person         | surname           | text                   | person.last_name
            person         | lname             | text                   | person.last_name
            person         | family_name       | text                   | person.last_name
            customers      | contact_name      | character varying(30)  | person.full_name
            person         | full_name         | text                   | person.full_name
            person         | name              | text                   | person.full_name
            customer       | name              | text                   | person.full_name
            person         | email             | character varying(254) | person.email
            person         | e_mail            | text                   | person.email
            person         | eMail             | text                   | person.email
            person         | emailAddress      | text                   | person.email
            guardian       | guardian_email    | text                   | person.email
            contact        | mail              | text                   | person.email
            person         | phone             | character varying(20)  | person.phone
            person         | phone_no          | text                   | person.phone
            person         | phoneNumber       | text                   | person.phone
            person         | mobile            | text                   | person.phone
            person         | cell_phone        | text                   | person.phone
            employees      | home_phone        | character varying(24)  | person.phone
            customers      | fax               | character varying(24)  | person.phone
            person         | tel               | text                   | person.phone
            person         | telephone         | bigint                 | person.phone
            address        | phone             | text                   | person.phone
            person         | dob               | date                   | person.birth_date
            person         | DOB               | text                   | person.birth_date
            person         | birth_date        | date                   | person.birth_date
            person         | date_of_birth     | timestamp without time zone | person.birth_date
            person         | birthday          | text                   | person.birth_date
            person         | address           | text                   | address.street
            address        | address           | character varying(50)  | address.street
            address        | address2          | character varying(50)  | address.street
            person         | street            | text                   | address.street
            person         | address_line1     | text                   | address.street
            person         | addr              | text                   | address.street
            orders         | ship_address      | character varying(60)  | address.street
            person         | city              | text                   | address.city
            employees      | city              | character varying(15)  | address.city
            person         | zip               | text                   | address.postal_code
            address        | postal_code       | character varying(10)  | address.postal_code
            person         | postcode          | text                   | address.postal_code
            person         | zipCode           | text                   | address.postal_code
            person         | state_student_id  | character varying(12)  | student.state_id
            student        | ssid              | text                   | student.state_id
            person         | state_id          | text                   | student.state_id
            user_account   | username          | character varying(64)  | person.username
            user_account   | user_name         | text                   | person.username
            user_account   | userName          | text                   | person.username
            user_account   | login             | text                   | person.username
            person         | ssn               | character(11)          | person.ssn
            person         | social_security_number | text              | person.ssn
            submission     | teacher_comment   | text                   | text.free
            employees      | notes             | text                   | text.free
            visit          | remarks           | text                   | text.free
            user_account   | last_login_ip     | inet                   | network.ip
            event          | client_ip         | inet                   | network.ip
            orders         | ship_city         | character varying(15)  | address.city
            orders         | ship_postal_code  | character varying(10)  | address.postal_code
            employees      | postal_code       | character varying(10)  | address.postal_code
            suppliers      | contact_name      | character varying(30)  | person.full_name
            access_log     | origin            | inet                   | network.ip
            access_log     | ip_address        | text                   | network.ip
            """)
    void personalByName(String table, String column, String type, String expected) {
        assertThat(byName(table, column, type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}.{1} {2} is not personal")
    @CsvSource(delimiter = '|', textBlock = """
            school          | name              | character varying(200)
            district        | name              | text
            course          | title             | text
            category        | name              | text
            language        | name              | character(20)
            city            | city              | character varying(50)
            country         | country           | character varying(50)
            school          | street            | text
            school          | postal_code       | character varying(10)
            shippers        | phone             | character varying(24)
            suppliers       | address           | character varying(60)
            grading_period  | name              | text
            rubric_criterion| name              | text
            grade_level     | name              | text
            subject         | name              | text
            person          | id                | bigint
            person          | person_id         | bigint
            person          | email_verified    | boolean
            person          | email_count       | integer
            person          | is_email_public   | boolean
            user_account    | user_id           | bigint
            person          | phone_type        | text
            guardian_link   | student_id        | bigint
            person          | first_name        | integer
            person          | birth_date        | boolean
            us_states       | state_id          | smallint
            person          | created_at        | timestamp with time zone
            person          | kind              | person_kind
            person          | grade_level_code  | character varying(2)
            person          | person_uuid       | uuid
            products        | product_name      | character varying(40)
            orders          | ship_name         | character varying(40)
            film            | description       | text
            film            | fulltext          | tsvector
            event           | event_type        | text
            user_account    | password_hash     | bytea
            user_account    | roles             | text[]
            district        | domain            | text
            address         | district          | character varying(20)
            person          | email_domain      | text
            person          | country_code      | text
            employees       | extension         | character varying(4)
            employees       | title             | character varying(30)
            server          | ip_address        | inet
            employees       | photo_path        | character varying(255)
            employees       | title_of_courtesy | character varying(25)
            employees       | hire_date         | date
            employees       | reports_to        | smallint
            customers       | company_name      | character varying(40)
            customers       | contact_title     | character varying(30)
            customers       | region            | character varying(15)
            region          | region_description| character varying(60)
            suppliers       | home_page         | text
            suppliers       | phone             | character varying(24)
            customer_demographics | customer_desc | text
            staff           | password          | character varying(40)
            staff           | picture           | bytea
            """)
    void notPersonalByName(String table, String column, String type) {
        assertThat(byName(table, column, type)).isEqualTo("-");
    }

    @Test
    void namesInsideJsonUseTheKeysAboveThemAsContext() {
        TableId person = new TableId("ids", "public", "person");
        TableId event = new TableId("adb", "public", "event");
        TableId report = new TableId("adb", "public", "report_snapshot");
        assertThat(json(person, "contact_info", "$.address.line1")).isEqualTo("address.street");
        assertThat(json(person, "contact_info", "$.address.city")).isEqualTo("address.city");
        assertThat(json(person, "contact_info", "$.address.postalCode")).isEqualTo("address.postal_code");
        assertThat(json(person, "contact_info", "$.address.state")).isEqualTo("-");
        assertThat(json(person, "contact_info", "$.emergencyContact.name")).isEqualTo("person.full_name");
        assertThat(json(person, "contact_info", "$.emergencyContact.phone")).isEqualTo("person.phone");
        assertThat(json(event, "payload", "$.actor.email")).isEqualTo("person.email");
        assertThat(json(event, "payload", "$.actor.username")).isEqualTo("person.username");
        assertThat(json(event, "payload", "$.actor.role")).isEqualTo("-");
        assertThat(json(event, "payload", "$.client.ip")).isEqualTo("network.ip");
        assertThat(json(event, "payload", "$.client.userAgent")).isEqualTo("-");
        assertThat(json(event, "payload", "$.personId")).isEqualTo("-");
        assertThat(json(event, "payload", "$.sessionId")).isEqualTo("-");
        assertThat(json(event, "payload", "$.guardians[*].phone")).isEqualTo("person.phone");
        assertThat(json(report, "summary", "$.generatedBy")).isEqualTo("-");
        assertThat(json(new TableId("x", "public", "school"), "info", "$.name")).isEqualTo("-");
    }

    private static String json(TableId table, String column, String path) {
        Verdict v = FieldClassifier.classify(Field.jsonPath(table, column, path, "jsonb"), List.of());
        return v.personal() ? v.type().specName() : "-";
    }

    @Test
    void graphPropertiesAreCamelCaseAndTheLabelIsTheContext() {
        assertThat(prop("Person", "firstName", "String")).isEqualTo("person.first_name");
        assertThat(prop("Person", "lastName", "String")).isEqualTo("person.last_name");
        assertThat(prop("Person", "email", "String")).isEqualTo("person.email");
        assertThat(prop("Person", "username", "String")).isEqualTo("person.username");
        assertThat(prop("Person", "personId", "Long")).isEqualTo("-");
        assertThat(prop("Person", "kind", "String")).isEqualTo("-");
        assertThat(prop("Customer", "contactName", "String")).isEqualTo("person.full_name");
        assertThat(prop("Order", "shipAddress", "String")).isEqualTo("address.street");
        assertThat(prop("School", "name", "String")).isEqualTo("-");
        assertThat(prop("District", "name", "String")).isEqualTo("-");
        assertThat(prop("Class", "title", "String")).isEqualTo("-");
        assertThat(prop("Person", "firstName", "Long|String")).isEqualTo("person.first_name");
    }

    private static String prop(String label, String property, String type) {
        Verdict v = FieldClassifier.classify(Field.property("sp", label, property, type), List.of());
        return v.personal() ? v.type().specName() : "-";
    }

    @Test
    void valuesDecideWhenTheNameSaysNothing() {
        List<String> emails = List.of("maria.lopez@gmail.com", "j.smith@springfield.k12.il.us", "x_y+z@outlook.com");
        List<String> phones = List.of("(217) 384-2291", "217-384-2291", "+1 217.384.2291", "+44 20 7946 0958");
        List<String> ssns = List.of("123-45-6789", "078-05-1120", "219-09-9999");
        List<String> sentences = List.of("Great work today, please keep it up in class.",
                "Spoke with the family at (217) 384-2291 about the missing pages.",
                "Resubmission accepted, well done on the revision of part two.");

        assertValues("misc", "contact", emails, DataType.EMAIL);
        assertValues("misc", "value", phones, DataType.PHONE);
        assertValues("misc", "value", ssns, DataType.SSN);
        assertValues("misc", "details", sentences, DataType.FREE_TEXT);
        assertValues("entry", "name", List.of("Mary Smith", "Jean-Luc Picard", "Siobhan O'Brien", "Thea Vandermolen"),
                DataType.FULL_NAME);

        assertValues("school", "info", phones, null);
        assertValues("misc", "details", List.of("A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher",
                "A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car"), null);
        assertValues("entry", "name", List.of("ACADEMY DINOSAUR", "ACE GOLDFINGER", "ADAPTATION HOLES"), null);
        assertValues("entry", "name", List.of("Algebra I", "Unit 3 Quiz", "Lab Report 2"), null);
        assertValues("misc", "code", List.of("2024-09-01", "2025-01-06", "10.0.0.1"), null);
        assertValues("misc", "value", List.of("Mozilla/5.0 (X11; CrOS x86_64 15633.69.0) AppleWebKit/537.36"), null);
    }

    private static void assertValues(String table, String column, List<String> samples, DataType expected) {
        Verdict v = FieldClassifier.classify(column(table, column, "text"), samples);
        assertThat(v.type()).as(table + "." + column + ": " + v.reason()).isEqualTo(expected);
        if (expected != null && !column.equals("name")) {
            assertThat(v.signal()).isEqualTo(Signal.VALUES);
        }
        samples.forEach(s -> assertThat(v.reason()).doesNotContain(s));
    }

    @Test
    void aNameSignalWinsOverValuesAndATypeThatCannotHoldItSaysSo() {
        Verdict username = FieldClassifier.classify(column("user_account", "login", "text"),
                List.of("maria.lopez@gmail.com", "j.smith@gmail.com"));
        assertThat(username.type()).isEqualTo(DataType.USERNAME);
        assertThat(username.signal()).isEqualTo(Signal.NAME);

        Verdict intName = FieldClassifier.classify(column("person", "first_name", "integer"), List.of());
        assertThat(intName.personal()).isFalse();
        assertThat(intName.signal()).isEqualTo(Signal.TYPE);
    }

    @Test
    void ssnsAreValidOnlyOutsideTheNeverIssuedRanges() {
        assertThat(ValuePatterns.isSsn("123-45-6789")).isTrue();
        assertThat(ValuePatterns.isSsn(" 665-01-0001 ")).isTrue();
        assertThat(ValuePatterns.isSsn("000-12-3456")).as("area 000").isFalse();
        assertThat(ValuePatterns.isSsn("666-12-3456")).as("area 666").isFalse();
        assertThat(ValuePatterns.isSsn("900-12-3456")).as("area 9xx").isFalse();
        assertThat(ValuePatterns.isSsn("999-12-3456")).as("area 9xx").isFalse();
        assertThat(ValuePatterns.isSsn("123-00-4567")).as("group 00").isFalse();
        assertThat(ValuePatterns.isSsn("123-45-0000")).as("serial 0000").isFalse();
        assertThat(ValuePatterns.isSsn("123456789")).as("no dashes").isFalse();
        assertThat(ValuePatterns.isSsn("1234-56-789")).isFalse();

        List<String> invalid = List.of("000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000");
        Verdict v = FieldClassifier.classify(column("misc", "value", "text"), invalid);
        assertThat(v.personal()).as(v.reason()).isFalse();
        assertThat(ValuePatterns.containsContactOrId("call 912-34-5678 now")).isFalse();
        assertThat(ValuePatterns.containsContactOrId("her number is 123-45-6789, on file")).isTrue();
    }

    @Test
    void reasonsNeverCarrySampledValues() {
        List<String> samples = List.of("thea.vandermolen@example.net", "Thea Vandermolen", "(458) 555-2231",
                "0123456789", "Vandermolen");
        for (String table : List.of("person", "misc", "school", "entry")) {
            for (String column : List.of("name", "email", "value", "notes", "first_name", "phone", "code")) {
                Verdict v = FieldClassifier.classify(column(table, column, "text"), samples);
                samples.forEach(s -> assertThat(v.reason()).as(table + "." + column).doesNotContain(s));
            }
        }
        List<String> many = IntStream.range(0, 200).mapToObj(i -> "Person Number" + (char) ('a' + i % 26)).toList();
        Verdict v = FieldClassifier.classify(column("entry", "name", "text"), many);
        assertThat(v.reason()).doesNotContain("Person");
    }

    @Test
    void namesAreSplitAndSpelledOut() {
        assertThat(NameTokens.of("emergencyContactPhone2")).containsExactly("emergency", "contact", "phone");
        assertThat(NameTokens.of("SSNNumber")).containsExactly("ssn", "number");
        assertThat(NameTokens.of("e-mail")).containsExactly("email");
        assertThat(NameTokens.of("first_nm")).containsExactly("first", "name");
        assertThat(NameTokens.of("DOB")).containsExactly("birth", "date");
        assertThat(NameTokens.of("phone_no")).containsExactly("phone", "number");
        assertThat(NameTokens.of("AssessmentResult")).containsExactly("assessment", "result");
        assertThat(NameTokens.of("addresses")).containsExactly("address");
        assertThat(NameTokens.of("categories")).containsExactly("category");
        assertThat(NameTokens.of("us_states")).containsExactly("us", "state");
        assertThat(NameTokens.of("")).isEqualTo(Collections.emptyList());
    }

    @Test
    void theContextIsTheNearestWordThatSaysPersonOrThing() {
        assertThat(FieldClassifier.context(column("staff", "picture", "bytea"))).isEqualTo(FieldClassifier.Context.PERSON);
        assertThat(FieldClassifier.context(column("categories", "picture", "bytea"))).isEqualTo(FieldClassifier.Context.THING);
        assertThat(FieldClassifier.context(column("orders", "ship_city", "text"))).isEqualTo(FieldClassifier.Context.NEUTRAL);
        assertThat(FieldClassifier.context(Field.jsonPath(new TableId("x", "public", "school"), "info",
                "$.principal.name", "jsonb"))).as("the JSON key above the leaf first").isEqualTo(FieldClassifier.Context.PERSON);
        assertThat(FieldClassifier.context(Field.property("sp", "Person", "email", "String")))
                .isEqualTo(FieldClassifier.Context.PERSON);
    }

    @Test
    void aSnippetNamesAnyTypeBySpecName() {
        Field photo = column("staff", "picture", "bytea");
        assertThat(photo.ruleSnippet("person.photo")).isEqualTo("{column: s.public.staff.picture, type: person.photo}");
        assertThat(photo.ruleSnippet(DataType.EMAIL)).isEqualTo(photo.ruleSnippet("person.email"));
    }

    @Test
    void declaredTypesAreReadFromPostgresAndNeo4j() {
        assertThat(FieldClassifier.typeClass("character varying(254)")).isEqualTo(FieldClassifier.TypeClass.TEXT);
        assertThat(FieldClassifier.typeClass("bigint")).isEqualTo(FieldClassifier.TypeClass.INTEGER);
        assertThat(FieldClassifier.typeClass("Long")).isEqualTo(FieldClassifier.TypeClass.INTEGER);
        assertThat(FieldClassifier.typeClass("numeric(4,2)")).isEqualTo(FieldClassifier.TypeClass.NUMERIC);
        assertThat(FieldClassifier.typeClass("timestamp with time zone")).isEqualTo(FieldClassifier.TypeClass.TIMESTAMP);
        assertThat(FieldClassifier.typeClass("date")).isEqualTo(FieldClassifier.TypeClass.DATE);
        assertThat(FieldClassifier.typeClass("jsonb")).isEqualTo(FieldClassifier.TypeClass.JSON);
        assertThat(FieldClassifier.typeClass("text[]")).isEqualTo(FieldClassifier.TypeClass.ARRAY);
        assertThat(FieldClassifier.typeClass("integer[]")).isEqualTo(FieldClassifier.TypeClass.BINARY);
        assertThat(FieldClassifier.typeClass("StringArray")).isEqualTo(FieldClassifier.TypeClass.ARRAY);
        assertThat(FieldClassifier.typeClass("LIST<STRING NOT NULL>")).isEqualTo(FieldClassifier.TypeClass.ARRAY);
        assertThat(FieldClassifier.typeClass("Long|String")).isEqualTo(FieldClassifier.TypeClass.TEXT);
        assertThat(FieldClassifier.typeClass("mpaa_rating")).isEqualTo(FieldClassifier.TypeClass.OTHER);
        assertThat(FieldClassifier.typeClass("inet")).isEqualTo(FieldClassifier.TypeClass.NETWORK);
    }
}
