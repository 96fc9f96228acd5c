package io.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void listsEveryTopicOfTheDesignTableOnce() {
        assertThat(Topics.all()).hasSize(20).doesNotHaveDuplicates()
                .allSatisfy(topic -> assertThat(topic).startsWith("ferry.").endsWith(".v1"))
                .contains("ferry.preflight.requests.v1", "ferry.catalog.results.v1",
                        "ferry.batches.extracted.v1", "ferry.progress.v1", "ferry.runs.v1");
    }

    @Test
    void deadLetterTopicAppendsDlqAndKnowsItsTopic() {
        String dlq = Topics.dlq(Topics.LOAD_REQUESTS);

        assertThat(dlq).isEqualTo("ferry.load.requests.v1.dlq");
        assertThat(Topics.isDlq(dlq)).isTrue();
        assertThat(Topics.isDlq(Topics.LOAD_REQUESTS)).isFalse();
        assertThat(Topics.baseOf(dlq)).isEqualTo(Topics.LOAD_REQUESTS);
    }

    @Test
    void batchTopicsHaveTwelvePartitionsAndEveryOtherTopicThree() {
        assertThat(Topics.all()).filteredOn(Topics::isBatchTopic)
                .containsExactly(Topics.BATCHES_EXTRACTED, Topics.BATCHES_ANONYMIZED);
        assertThat(Topics.partitions(Topics.BATCHES_ANONYMIZED)).isEqualTo(12);
        assertThat(Topics.partitions(Topics.dlq(Topics.BATCHES_EXTRACTED))).isEqualTo(12);
        assertThat(Topics.partitions(Topics.EXTRACT_REQUESTS)).isEqualTo(3);
        assertThat(Topics.partitions(Topics.RUNS)).isEqualTo(3);
    }

    @Test
    void refusesUnknownTopics() {
        assertThatThrownBy(() -> Topics.dlq("ferry.unknown.v1"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("not a Ferry topic");
        assertThatThrownBy(() -> Topics.partitions("ferry.load.requests.v2"))
                .isInstanceOf(ContractViolation.class);
    }
}
