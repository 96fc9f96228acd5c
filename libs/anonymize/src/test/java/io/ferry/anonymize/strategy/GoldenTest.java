package io.ferry.anonymize.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A fixed key and fixed inputs give the outputs in {@code src/test/resources/anonymize/golden.tsv}: this pins the
 * whole chain (canonical forms, HMAC inputs, key derivation, FF1, Datafaker's data and locale, the JDK). A change
 * here changes every fake value of every user: bump the key version instead, or say so in the release notes.
 *
 * <p>To rewrite the file after a deliberate change:
 * {@code ./mvnw -B -o -q -pl libs/anonymize -am verify -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dferry.golden.update=true}, then review the diff.
 */
class GoldenTest {

    private static final String RESOURCE = "/anonymize/golden.tsv";
    private static final String ENTITY = "42";

    /** type, strategy (null: the type's default), input. */
    private static final String[][] INPUTS = {
        {"person.first_name", null, "Thea"},
        {"person.first_name", null, "  THEA  "},
        {"person.first_name", null, "thea"},
        {"person.first_name", null, "Zoë"},
        {"person.first_name", null, "Zoe\u0308"},
        {"person.first_name", null, "José"},
        {"person.first_name", null, "Ann-Marie"},
        {"person.last_name", null, "Vandermolen"},
        {"person.last_name", null, "Okonkwo-Reyes"},
        {"person.last_name", null, "O'Brien"},
        {"person.full_name", null, "Thea Vandermolen"},
        {"person.full_name", null, "Thea M. Vandermolen"},
        {"person.full_name", null, "Vandermolen, Thea"},
        {"person.full_name", null, "MARY SMITH"},
        {"person.email", null, "thea.vandermolen@gmail.com"},
        {"person.email", null, "Thea.Vandermolen@GMAIL.com"},
        {"person.email", null, "MARY.SMITH@sakilacustomer.org"},
        {"person.email", null, "cassius.okonkworeyes+school@outlook.com"},
        {"person.email", null, "x7@b.co"},
        {"person.email", null, "zoë@例え.jp"},
        {"person.phone", null, "(458) 319-7026"},
        {"person.phone", null, "+1 458.319.7026"},
        {"person.phone", null, "4583197026"},
        {"person.phone", null, "+44 20 7946 0958"},
        {"person.birth_date", null, "2011-04-17"},
        {"person.birth_date", null, "2011-04-17 08:30:00+02"},
        {"person.birth_date", "date-shift: 30", "2011-04-17"},
        {"person.birth_date", "generalize", "2011-04-17"},
        {"person.birth_date", "generalize: month", "2011-04-17T08:30:00Z"},
        {"address.street", null, "47 MySakila Drive"},
        {"address.street", null, "1 MAIN ST"},
        {"address.city", null, "Portland"},
        {"address.postal_code", null, "97201"},
        {"address.postal_code", null, "K1A 0B1"},
        {"address.postal_code", "generalize", "97201-1234"},
        {"address.postal_code", "fake", "97201"},
        {"student.state_id", null, "0417365928"},
        {"student.state_id", null, "0417-365-928"},
        {"student.state_id", null, "AB123"},
        {"student.state_id", null, "12"},
        {"student.state_id", null, "Ünï-12"},
        {"person.username", null, "tvandermolen"},
        {"account.username", null, "T.Vandermolen"},
        {"person.ssn", null, "123-45-6789"},
        {"network.ip", null, "10.1.2.3"},
        {"network.ip", null, "10.1.2.0/24"},
        {"network.ip", null, "fe80::1"},
        {"person.uuid", null, "7d9f3c2a-1b4e-4f6a-9c8d-0e1f2a3b4c5d"},
        {"secret.password_hash", null, "\\x0a1b2c3d4e5f60718293a4b5c6d7e8f9"},
        {"secret.password_hash", null, "$2a$10$abcdefghijklmnopqrstuv"},
        {"person.nickname", "hash", "Thea"},
        {"person.nickname", "hash: 8", "Thea"},
        {"person.nickname", "token", "Thea-Ann O'Neil 42"},
        {"person.nickname", "fpe", "Room 12, ext. 3456"},
        {"person.nickname", "redact", "Thea-Ann 2nd"},
        {"person.nickname", "null", "Thea"},
        {"person.nickname", "constant: N/A", "Thea"},
        {"person.nickname", "keep: a nickname chosen by the user", "Thea"},
        {"school.motto", "fake: company.name", "We learn"},
        {"school.mascot", "fake: address.state_abbr", "Bears"},
        {"person.phone", "fpe", "(458) 319-7026"},
        {"person.phone", "token", "(458) 319-7026"},
    };

    @Test
    void theGoldenOutputsStay() throws IOException {
        List<String> expected = goldenLines();
        List<String> actual = computeLines();
        if (Boolean.getBoolean("ferry.golden.update")) {
            Path file = Path.of(System.getProperty("ferry.repo.root"), "libs/anonymize/src/test/resources" + RESOURCE);
            Files.writeString(file, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected).as("golden lines (rewrite with -Dferry.golden.update=true)").hasSameSizeAs(actual);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("golden.tsv line %d", i + 1).isEqualTo(expected.get(i));
        }
    }

    private static List<String> computeLines() {
        Anonymizer anonymizer = new Anonymizer(Fixtures.KEY);
        List<String> lines = new ArrayList<>();
        lines.add("# Anonymizer outputs under a fixed test key (bytes 0..31, version 1), entity key " + ENTITY + ".");
        lines.add("# Written by GoldenTest with -Dferry.golden.update=true; a change here changes every user's fake values.");
        lines.add("type\tstrategy\tinput\toutput");
        for (String[] in : INPUTS) {
            FieldRule rule = FieldRule.of(in[0], in[1]);
            String output = anonymizer.apply(rule, in[2], ENTITY);
            lines.add(rule.type().name() + "\t" + rule.specString() + "\t" + in[2] + "\t" + (output == null ? "NULL" : output));
        }
        return lines;
    }

    private static List<String> goldenLines() throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
