package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrubJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TextScrubber scrubber = TextScrubberTest.district().scrubber();

    private static final String EVENT = "{\"personId\":415,\"schoolId\":3,"
            + "\"actor\":{\"username\":\"tvandermolen\",\"email\":\"thea.vandermolen@gmail.com\",\"role\":\"student\"},"
            + "\"client\":{\"ip\":\"73.12.40.200\",\"userAgent\":\"Mozilla/5.0 (X11; CrOS x86_64 15633.69.0)\"},"
            + "\"note\":\"Thea called from (458) 319-7026\",\"score\":1.10,\"big\":12345678901234567890,\"exp\":1e5,"
            + "\"flags\":[true,false,null],\"guardians\":[{\"name\":\"Thea Vandermolen\",\"phone\":\"458-319-7026\"}],"
            + "\"sessionId\":\"3f6c2a9e-0001-4c1b-9d2e-5a7b8c9d0e1f\"}";

    private static JsonNode tree(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    void unruledStringLeavesAreScrubbedAndEverythingElseIsKept() throws Exception {
        ScrubResult r = scrubber.scrubJson(EVENT, Set.of());
        JsonNode in = tree(EVENT);
        JsonNode out = tree(r.text());
        assertThat(fieldNames(out)).isEqualTo(fieldNames(in));
        assertThat(fieldNames(out.get("actor"))).containsExactly("username", "email", "role");
        assertThat(out.at("/actor/username").asText()).matches("\\p{Ll}+").isNotEqualTo("tvandermolen");
        assertThat(out.at("/actor/email").asText()).endsWith("@example.org");
        assertThat(out.at("/actor/role").asText()).isEqualTo("student");
        assertThat(out.at("/note").asText()).matches("\\p{Lu}\\p{Ll}+ called from \\([2-9]\\d\\d\\) 555-01\\d\\d");
        assertThat(out.at("/guardians/0/name").asText()).isEqualTo(scrubber.scrub("Thea Vandermolen").text());
        assertThat(out.at("/guardians/0/phone").asText()).matches("\\d{3}-555-01\\d\\d");
        assertThat(out.at("/client/ip").asText()).isEqualTo("73.12.40.200");
        assertThat(out.at("/sessionId").asText()).isEqualTo("3f6c2a9e-0001-4c1b-9d2e-5a7b8c9d0e1f");
        // numbers exactly as written, booleans and nulls
        assertThat(r.text()).contains("\"personId\": 415, \"schoolId\": 3,")
                .contains("\"score\": 1.10, \"big\": 12345678901234567890, \"exp\": 1e5,")
                .contains("\"flags\": [true, false, null]");
        assertThat(r.counts()).isEqualTo(new ScrubCounts(1, 2, 0, 4, 0));
        for (String t : List.of("tvandermolen", "thea", "vandermolen", "319-7026")) {
            assertThat(TextScrubberTest.absent(r.text(), t)).as(t).isTrue();
        }
    }

    @Test
    void ruledPathsAndWhatIsBelowThemAreLeftAlone() throws Exception {
        ScrubResult r = scrubber.scrubJson(EVENT, Set.of("$.actor.username", "$.actor.email", "$.guardians[*].phone", "$.client"));
        JsonNode out = tree(r.text());
        assertThat(out.at("/actor/username").asText()).isEqualTo("tvandermolen");
        assertThat(out.at("/actor/email").asText()).isEqualTo("thea.vandermolen@gmail.com");
        assertThat(out.at("/guardians/0/phone").asText()).isEqualTo("458-319-7026");
        assertThat(out.at("/client/userAgent").asText()).isEqualTo("Mozilla/5.0 (X11; CrOS x86_64 15633.69.0)");
        assertThat(out.at("/guardians/0/name").asText()).doesNotContain("Thea");
        assertThat(out.at("/note").asText()).doesNotContain("Thea").doesNotContain("319-7026");
        assertThat(r.counts()).isEqualTo(new ScrubCounts(0, 1, 0, 3, 0));
        // a whole-document rule leaves everything alone
        assertThat(tree(scrubber.scrubJson(EVENT, Set.of("$")).text())).isEqualTo(tree(EVENT));
    }

    @Test
    void quotedKeysAndArraysOfStrings() throws Exception {
        String json = "{\"first name\":\"Thea\",\"tags\":[\"Thea\",\"ok\",[\"Vandermolen\"]],\"a\\\"b\":\"Cassius\"}";
        ScrubResult r = scrubber.scrubJson(json, Set.of("$.\"a\"\"b\"", "$.tags[*][*]"));
        JsonNode out = tree(r.text());
        assertThat(out.get("first name").asText()).isEqualTo(scrubber.scrub("Thea").text());
        assertThat(out.at("/tags/0").asText()).isEqualTo(scrubber.scrub("Thea").text());
        assertThat(out.at("/tags/2/0").asText()).isEqualTo("Vandermolen");
        assertThat(out.get("a\"b").asText()).isEqualTo("Cassius");
    }

    /** CERT's jsonb prints {@code {"a": 1}}: a value with nothing to change must read back as the same text. */
    @Test
    void theOutputIsLaidOutAsPostgresPrintsJsonb() {
        // as PostgreSQL prints it: keys shorter first, then by bytes; numbers as numeric prints them
        String jsonb = "{\"n\": 1.50, \"no\": null, \"ok\": true, \"list\": [1, \"x\", [], {}], \"empty\": {}, "
                + "\"nested\": {\"a\": [{\"b\": -2000}]}}";
        assertThat(scrubber.scrubJson(jsonb, Set.of()).text()).isEqualTo(jsonb);
        assertThat(scrubber.scrubJson("{\"a\":[1,2],\"b\":{}}", Set.of()).text()).isEqualTo("{\"a\": [1, 2], \"b\": {}}");
    }

    @Test
    void aScalarDocument() {
        assertThat(scrubber.scrubJson("\"Thea\"", Set.of()).text()).isEqualTo("\"" + scrubber.scrub("Thea").text() + "\"");
        assertThat(scrubber.scrubJson("42", Set.of()).text()).isEqualTo("42");
        assertThat(scrubber.scrubJson(null, Set.of()).text()).isNull();
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        for (String bad : List.of("{\"name\":\"Thea\"", "{\"name\": Thea}", "", "\"Thea\" \"Vandermolen\"", "[\"Thea\",]x")) {
            assertThatThrownBy(() -> scrubber.scrubJson(bad, Set.of()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("thea").doesNotContainIgnoringCase("vandermolen"));
        }
        assertThatThrownBy(() -> scrubber.scrubJson("{}", Set.of("actor.email"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void ruledLeavesAreRewrittenInTheSamePassByTheMostSpecificRule() throws Exception {
        java.util.List<String> seen = new java.util.ArrayList<>();
        ScrubResult r = scrubber.scrubJson(EVENT, java.util.List.of("$.actor", "$.actor.email", "$.personId",
                "$.guardians[*].phone"), (rule, text) -> {
                    seen.add(rule + ":" + text.length());
                    return switch (rule) {
                        case 0 -> "A" + text.length();
                        case 1 -> null;
                        case 2 -> "99";
                        default -> "not a number";
                    };
                });
        JsonNode out = tree(r.text());
        assertThat(out.at("/actor/username").asText()).isEqualTo("A12");
        assertThat(out.at("/actor/role").asText()).isEqualTo("A7");
        assertThat(out.at("/actor/email").isNull()).as("the leaf's own rule wins over its parent's").isTrue();
        assertThat(out.at("/personId").isNumber()).isTrue();
        assertThat(out.at("/personId").asInt()).isEqualTo(99);
        assertThat(out.at("/guardians/0/phone").asText()).isEqualTo("not a number");
        assertThat(out.at("/guardians/0/name").asText()).isEqualTo(scrubber.scrub("Thea Vandermolen").text());
        assertThat(out.at("/score").decimalValue()).isEqualByComparingTo("1.10");
        assertThat(seen).hasSize(5);
    }
}
