package io.ferry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.anonymize.classify.Field;
import io.ferry.schema.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the classifier adds to the anonymizer's: secrets, photos and person UUIDs by name; card numbers and
 * IBANs by their check digits; first, last and full names by the name dictionary; and that none of it fires
 * on the columns of things it should leave alone, nor puts a value into a reason.
 */
class ClassifierTest {

    private static Field column(String table, String column, String type) {
        return Field.column(new TableId("s", "public", table), column, type);
    }

    private static Classification classify(String table, String column, String type, List<String> samples) {
        return Classifier.classify(column(table, column, type), samples);
    }

    private static String type(String table, String column, String type) {
        Classification c = classify(table, column, type, List.of());
        return c.personal() ? c.type() + " " + c.strategy() : "-";
    }

    @ParameterizedTest(name = "{0}.{1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            user_account | password_hash   | bytea                  | secret.password_hash hash
            staff        | password        | character varying(40)  | secret.password_hash hash
            api_client   | client_secret   | text                   | secret.password_hash hash
            person       | passwd          | text                   | secret.password_hash hash
            staff        | picture         | bytea                  | person.photo redact
            employees    | photo           | bytea                  | person.photo redact
            document     | student_photo   | bytea                  | person.photo redact
            person       | person_uuid     | uuid                   | person.uuid fpe: hex
            enrollment   | student_guid    | text                   | person.uuid fpe: hex
            user_account | uuid            | uuid                   | person.uuid fpe: hex
            person       | email           | text                   | person.email fake
            person       | birth_date      | date                   | person.birth_date date-shift
            person       | zip             | text                   | address.postal_code token
            user_account | last_login_ip   | inet                   | network.ip fake
            """)
    void personalByName(String table, String column, String declared, String expected) {
        assertThat(type(table, column, declared)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}.{1} {2} is not personal")
    @CsvSource(delimiter = '|', textBlock = """
            user_account | password_changed_at | timestamp with time zone
            user_account | password_hint       | text
            user_account | password_policy     | text
            categories   | picture             | bytea
            products     | image               | text
            employees    | photo_path          | character varying(255)
            person       | id                  | bigint
            user_account | id                  | uuid
            event        | session_uuid        | uuid
            report       | uuid                | uuid
            person       | pin_count           | integer
            """)
    void notPersonalByName(String table, String column, String declared) {
        assertThat(type(table, column, declared)).isEqualTo("-");
    }

    @Test
    void cardNumbersAndIbansAreKnownByTheirCheckDigits() {
        assertThat(Checksums.isCardNumber("4111 1111 1111 1111")).isTrue();
        assertThat(Checksums.isCardNumber("5555-5555-5555-4444")).isTrue();
        assertThat(Checksums.isCardNumber("378282246310005")).isTrue();
        assertThat(Checksums.isCardNumber("6011111111111117")).isTrue();
        assertThat(Checksums.isCardNumber("4111111111111112")).as("Luhn").isFalse();
        assertThat(Checksums.isCardNumber("1234567812345670")).as("no issuer starts with 1").isFalse();
        assertThat(Checksums.isCardNumber("0000000000000000")).isFalse();
        assertThat(Checksums.isCardNumber("4111  1111 1111 1111")).as("one separator at a time").isFalse();
        assertThat(Checksums.isCardNumber("411111111111")).as("too short").isFalse();
        assertThat(Checksums.luhn("79927398713")).isTrue();

        assertThat(Checksums.isIban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Checksums.isIban("DE89370400440532013000")).isTrue();
        assertThat(Checksums.isIban("fr1420041010050500013m02606")).isTrue();
        assertThat(Checksums.isIban("GB82WEST12345698765433")).as("mod 97").isFalse();
        assertThat(Checksums.isIban("GB82")).isFalse();

        List<String> cards = List.of("4111 1111 1111 1111", "5555555555554444", "378282246310005", "n/a");
        Classification card = classify("payment", "reference", "text", cards);
        assertThat(card.type()).isEqualTo(Classifier.CARD_NUMBER);
        assertThat(card.strategy()).isEqualTo("fpe");
        assertThat(card.basis()).isEqualTo(Classification.Basis.CHECKSUM);
        assertThat(card.why()).startsWith("pattern with checksum: 3 of 4 samples are payment card numbers");

        Classification iban = classify("payout", "account", "text", List.of("GB82 WEST 1234 5698 7654 32",
                "DE89370400440532013000"));
        assertThat(iban.type()).isEqualTo(Classifier.IBAN);
        assertThat(iban.basis()).isEqualTo(Classification.Basis.CHECKSUM);

        List<String> luhnOnly = List.of("1234567812345670", "79927398713", "4111111111111112");
        assertThat(classify("payment", "reference", "text", luhnOnly).personal()).isFalse();
    }

    @Test
    void theNameDictionaryKnowsFirstAndLastNamesInAnyCase() {
        NameDictionary names = NameDictionary.get();
        assertThat(names.firstNames()).isGreaterThan(5000);
        assertThat(names.lastNames()).isGreaterThan(1000);
        assertThat(names.isFirstName("Mary")).isTrue();
        assertThat(names.isFirstName("MARY")).isTrue();
        assertThat(names.isFirstName(" patricia ")).isTrue();
        assertThat(names.isLastName("SMITH")).isTrue();
        assertThat(names.isLastName("Williams")).isTrue();
        assertThat(names.isLastName("garcía")).isTrue();
        assertThat(names.isLastName("Dinosaur")).isFalse();
        assertThat(names.isFirstName("Academy")).isFalse();
    }

    @Test
    void valuesFromTheNameDictionaryMakeANameColumnWhoseNameSaysNothing() {
        List<String> first = List.of("Mary", "PATRICIA", "Linda", "Barbara", "Elizabeth", "Jennifer", "Maria",
                "Susan", "Margaret", "Dorothy");
        Classification c = classify("entry", "given", "text", first);
        assertThat(c.type()).isEqualTo("person.first_name");
        assertThat(c.basis()).isEqualTo(Classification.Basis.DICTIONARY);
        assertThat(c.why()).isEqualTo("name dictionary: 10 of 10 samples are first names of the name dictionary");

        List<String> last = List.of("SMITH", "Johnson", "Williams", "Jones", "Brown", "Davis", "Miller", "Wilson",
                "Moore", "Taylor");
        assertThat(classify("entry", "family", "text", last).type()).isEqualTo("person.last_name");

        List<String> full = List.of("Mary Smith", "PATRICIA JOHNSON", "Linda K. Williams", "Jones, Barbara",
                "Elizabeth Brown", "Jennifer Davis");
        assertThat(classify("entry", "holder", "text", full).type()).isEqualTo("person.full_name");

        Field json = Field.jsonPath(new TableId("s", "public", "event"), "payload", "$.meta.by", "jsonb");
        assertThat(Classifier.classify(json, first).type()).isEqualTo("person.first_name");
    }

    @Test
    void theDictionaryLeavesThingsFewNamesAndCommonWordsAlone() {
        List<String> first = List.of("Mary", "Linda", "Barbara", "Susan", "Maria", "Dorothy");
        assertThat(classify("school", "patron", "text", first).personal()).as("a table of things").isFalse();
        List<String> colours = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> colours.addAll(List.of("Brown", "White", "Green", "Black", "Gray")));
        assertThat(classify("swatch", "shade", "text", colours).personal()).as("five distinct in 200").isFalse();
        assertThat(classify("entry", "kind", "text", List.of("Mary", "Linda", "Susan", "Maria")).personal())
                .as("fewer than five distinct").isFalse();
        List<String> titles = List.of("ACADEMY DINOSAUR", "ACE GOLDFINGER", "ADAPTATION HOLES", "AFFAIR PREJUDICE",
                "AFRICAN EGG", "AGENT TRUMAN");
        assertThat(classify("film", "title", "text", titles).personal()).isFalse();
        assertThat(classify("misc", "label", "text", titles).personal()).isFalse();
        List<String> months = List.of("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December");
        assertThat(classify("misc", "label", "text", months).personal()).isFalse();
    }

    @Test
    void aNameSignalWinsAndANumberIsNoName() {
        List<String> cards = List.of("4111 1111 1111 1111", "5555555555554444");
        Classification email = classify("person", "email", "text", cards);
        assertThat(email.type()).isEqualTo("person.email");
        assertThat(email.basis()).isEqualTo(Classification.Basis.NAME);
        assertThat(classify("ledger", "amount", "numeric(10,2)", List.of()).personal()).isFalse();
    }

    @Test
    void reasonsNeverCarrySampledValues() {
        List<List<String>> sets = List.of(
                List.of("4111 1111 1111 1111", "5555555555554444"),
                List.of("GB82 WEST 1234 5698 7654 32", "DE89370400440532013000"),
                List.of("Mary", "Linda", "Barbara", "Susan", "Maria", "Dorothy"),
                List.of("Mary Smith", "Linda Jones", "Barbara Brown", "Susan Davis", "Maria Moore"));
        for (List<String> samples : sets) {
            for (String col : List.of("value", "given", "name", "notes", "password")) {
                Classification c = classify("entry", col, "text", samples);
                samples.forEach(s -> assertThat(c.why()).as(col).doesNotContain(s));
            }
        }
    }
}
