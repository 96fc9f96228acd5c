package io.ferry.anonymize.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON leaf paths as the preflight writes, reads and matches them. */
class JsonLeavesTest {

    private static final String VALUE = "{\"personId\": 7, \"actor\": {\"email\": \"a@b.co\", \"role\": null},"
            + " \"guardians\": [{\"phone\": \"1\"}, {\"phone\": \"2\"}], \"first name\": \"x\", \"ok\": true}";

    @Test
    void leavesAreTheScalarPathsWithArraysAsStars() {
        JsonNode node = JsonLeaves.parse(VALUE).orElseThrow();
        Map<String, String> leaves = new LinkedHashMap<>();
        JsonLeaves.leaves(node, (p, v) -> leaves.merge(p, v, (a, b) -> a + "|" + b));
        assertThat(leaves).containsExactly(Map.entry("$.personId", "7"), Map.entry("$.actor.email", "a@b.co"),
                Map.entry("$.guardians[*].phone", "1|2"), Map.entry("$.\"first name\"", "x"), Map.entry("$.ok", "true"));
        assertThat(JsonLeaves.parse("not json")).isEmpty();
    }

    @Test
    void pathsParseBackAndSelectValues() {
        JsonNode node = JsonLeaves.parse(VALUE).orElseThrow();
        assertThat(JsonLeaves.keys("$.a.\"b \"\"c\".d[*].e")).containsExactly("a", "b \"c", "d", "*", "e");
        assertThat(JsonLeaves.valuesAt(node, "$.guardians[*].phone")).containsExactly("1", "2");
        assertThat(JsonLeaves.valuesAt(node, "$.actor")).containsExactly("a@b.co");
        assertThat(JsonLeaves.valuesAt(node, "$.\"first name\"")).containsExactly("x");
        assertThat(JsonLeaves.valuesAt(node, "$.missing.x")).isEmpty();
        assertThat(JsonLeaves.isPlain("$.a.b")).isTrue();
        assertThat(JsonLeaves.isPlain("$.a[*].b")).isFalse();
        assertThatThrownBy(() -> JsonLeaves.keys("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLeaves.keys("$.\"open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathCoversItselfAndWhatIsBelowIt() {
        assertThat(JsonLeaves.covers("$.address", "$.address.city")).isTrue();
        assertThat(JsonLeaves.covers("$.address.city", "$.address.city")).isTrue();
        assertThat(JsonLeaves.covers("$.address.city", "$.address")).isFalse();
        assertThat(JsonLeaves.covers("$.address", "$.addressBook.city")).isFalse();
        assertThat(JsonLeaves.covers("$.guardians[0]", "$.guardians[*].phone")).isTrue();
    }
}
