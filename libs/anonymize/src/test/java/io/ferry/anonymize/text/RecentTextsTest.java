package io.ferry.anonymize.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentTextsTest {

    @Test
    void aKeptTextIsFoundAndAnotherIsNot() {
        RecentTexts<Integer> recent = new RecentTexts<>();
        recent.put("active", 1);
        assertThat(recent.get("active")).isEqualTo(1);
        assertThat(recent.get(new String("active"))).as("equal, not the same instance").isEqualTo(1);
        assertThat(recent.get("inactive")).isNull();
    }

    @Test
    void aTextWithTheSameHashIsNotTakenForTheKeptOne() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode()); // one slot and one hash for both
        RecentTexts<String> recent = new RecentTexts<>();
        recent.put("Aa", "first");
        assertThat(recent.get("BB")).isNull();
        recent.put("BB", "second");
        assertThat(recent.get("BB")).isEqualTo("second");
        assertThat(recent.get("Aa")).as("replaced in its slot").isNull();
    }

    @Test
    void textsLongerThanTheLimitAreNotKept() {
        RecentTexts<Boolean> recent = new RecentTexts<>();
        String longest = "x".repeat(RecentTexts.LONGEST);
        recent.put(longest, true);
        recent.put(longest + "y", true);
        assertThat(recent.get(longest)).isTrue();
        assertThat(recent.get(longest + "y")).isNull();
    }
}
