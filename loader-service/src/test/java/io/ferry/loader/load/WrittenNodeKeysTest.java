package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrittenNodeKeysTest {

    private static final Map<String, String> MERGE_KEYS = Map.of("Person", "personId", "Student", "personId",
            "Order", "orderID");

    @Test
    void theSameNodeComingThroughEachOfItsLabelsIsNoClash() {
        WrittenNodeKeys written = new WrittenNodeKeys();
        Map<String, Object> node = Map.of("personId", 7L, "name", "x");
        assertThat(written.record(List.of("Person", "Student"), node, MERGE_KEYS, "4:a:1")).isNull();
        assertThat(written.record(List.of("Person", "Student"), node, MERGE_KEYS, "4:a:1")).isNull();
    }

    @Test
    void anotherProdNodeUnderAKeyTheRunAlreadyWroteClashesUnderThatLabel() {
        WrittenNodeKeys written = new WrittenNodeKeys();
        assertThat(written.record(List.of("Order"), Map.of("orderID", "11012"), MERGE_KEYS, "4:a:1")).isNull();
        assertThat(written.record(List.of("Order"), Map.of("orderID", "11012"), MERGE_KEYS, "4:a:2")).isEqualTo("Order");
    }

    @Test
    void equalKeysUnderDifferentLabelsOrWithoutAMergeKeyAreDifferentNodes() {
        WrittenNodeKeys written = new WrittenNodeKeys();
        assertThat(written.record(List.of("Person"), Map.of("personId", 1L), MERGE_KEYS, "4:a:1")).isNull();
        assertThat(written.record(List.of("Order"), Map.of("orderID", 1L), MERGE_KEYS, "4:a:2")).isNull();
        assertThat(written.record(List.of("Note"), Map.of("personId", 1L), MERGE_KEYS, "4:a:3")).isNull();
        // A typed key is its value: the text "1" is another key than the number 1.
        assertThat(written.record(List.of("Person"), Map.of("personId", "1"), MERGE_KEYS, "4:a:4")).isNull();
    }
}
