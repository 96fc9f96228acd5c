package io.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ferry.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Strimzi topics against DESIGN.md's table, and KEDA's scalers against the topics and the consumers. */
class TopicsAndScalersTest {

    static Stream<Manifests> layouts() {
        return DeploymentsTest.layouts();
    }

    @Test
    void everyTopicAndItsDeadLetterTopicExistWithDesignsPartitions() {
        Map<String, Integer> expected = new TreeMap<>();
        for (String topic : Topics.all()) {
            expected.put(topic, Topics.partitions(topic));
            expected.put(Topics.dlq(topic), Topics.partitions(topic));
        }
        assertThat(partitionsByTopic(Manifests.of("base"))).isEqualTo(expected);
    }

    @Test
    void noTopicKeepsRecordsLongerThanAWeekAndLiveTopicsAnHour() {
        for (GenericKubernetesResource topic : Manifests.of("base").custom("KafkaTopic")) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
            String name = topic.get("spec", "topicName");
            long retention = ((Number) topic.get("spec", "config", "retention.ms")).longValue();
            assertThat(Duration.ofMillis(retention)).as(name).isLessThanOrEqualTo(Duration.ofDays(7));
            if (name.equals(Topics.PROGRESS) || name.startsWith("ferry.catalog.") && !Topics.isDlq(name)) {
                assertThat(Duration.ofMillis(retention)).as(name).isLessThanOrEqualTo(Duration.ofHours(1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void eachPhaseServiceScalesOnItsOwnConsumerGroupWithinTheWatchedTopicsPartitions(Manifests manifests) {
        Map<String, Integer> partitions = partitionsByTopic(manifests);
        List<GenericKubernetesResource> scalers = manifests.custom("ScaledObject");
        assertThat(scalers).extracting(s -> (String) s.get("spec", "scaleTargetRef", "name"))
                .containsExactlyInAnyOrderElementsOf(Manifests.PHASE_SERVICES);
        for (GenericKubernetesResource scaler : scalers) {
            String service = scaler.get("spec", "scaleTargetRef", "name");
            int max = scaler.<Number>get("spec", "maxReplicaCount").intValue();
            int min = scaler.<Number>get("spec", "minReplicaCount").intValue();
            List<Map<String, Object>> triggers = scaler.get("spec", "triggers");
            assertThat(triggers).as(service).isNotEmpty();
            for (Map<String, Object> trigger : triggers) {
                assertThat(trigger.get("type")).isEqualTo("kafka");
                @SuppressWarnings("unchecked")
                Map<String, String> metadata = (Map<String, String>) trigger.get("metadata");
                String topic = metadata.get("topic");
                assertThat(partitions).as("a KafkaTopic for %s", topic).containsKey(topic);
                assertThat(max).as("%s's maxReplicaCount within %s's partitions", service, topic)
                        .isBetween(1, partitions.get(topic));
                ServiceProperties properties = ServiceProperties.of(service);
                String channel = properties.channelReading(topic, metadata.get("consumerGroup")).orElseThrow(
                        () -> new AssertionError(service + " reads no " + topic + " in group " + metadata.get("consumerGroup")));
                String reset = properties.channel(channel, "auto.offset.reset").orElse("latest");
                assertThat(metadata.get("offsetResetPolicy")).as("%s offsetResetPolicy", service).isEqualTo(reset);
                if (min == 0) {
                    assertThat(metadata.get("scaleToZeroOnInvalidOffset")).isEqualTo("false");
                    assertThat(metadata.get("offsetResetPolicy")).isEqualTo("earliest");
                } else {
                    assertThat(min).as("%s's minReplicaCount", service).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void phaseConsumersTakeOneRecordAtATimeAndRebalanceCooperatively() {
        for (String service : Manifests.PHASE_SERVICES) {
            ServiceProperties properties = ServiceProperties.of(service);
            assertThat(properties.incomingChannels()).as(service).isNotEmpty();
            for (String channel : properties.incomingChannels()) {
                String at = service + " " + channel;
                assertThat(properties.channel(channel, "max.poll.records")).as(at).contains("1");
                assertThat(properties.channel(channel, "partition.assignment.strategy")).as(at)
                        .contains("org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
                assertThat(properties.channel(channel, "enable.auto.commit")).as(at).contains("false");
                assertThat(properties.channel(channel, "commit-strategy")).as(at).contains("throttled");
                // Above any one batch (and above the shutdown wait): the connector keeps polling while work runs.
                long pollInterval = Long.parseLong(properties.channel(channel, "max.poll.interval.ms").orElse("300000"));
                long shutdownWait = Long.parseLong(properties.channel(channel, "auto.commit.interval.ms").orElse("5000"));
                assertThat(Duration.ofMillis(pollInterval)).as(at).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
                assertThat(pollInterval).as(at).isGreaterThan(shutdownWait);
            }
        }
    }

    @Test
    void aWorkerIsReportedBlockedOnlyAfterItsRecordsPollIntervalRanOut() {
        for (String service : Manifests.PHASE_SERVICES) {
            ServiceProperties properties = ServiceProperties.of(service);
            // Vert.x's default, 60 s, logs a stack trace every two seconds of a longer step (a large load)
            Duration blocked = quarkusDuration(properties.get("quarkus.vertx.max-worker-execute-time").orElse("60S"));
            for (String channel : properties.incomingChannels()) {
                long pollInterval = Long.parseLong(properties.channel(channel, "max.poll.interval.ms").orElse("300000"));
                assertThat(blocked).as(service + " " + channel).isGreaterThanOrEqualTo(Duration.ofMillis(pollInterval));
            }
        }
    }

    /** A Quarkus duration: seconds, a number with {@code ms}, or an ISO-8601 duration without its {@code PT}. */
    private static Duration quarkusDuration(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.toLowerCase(java.util.Locale.ROOT).endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        return Duration.parse(v.startsWith("P") ? v : "PT" + v);
    }

    private static Map<String, Integer> partitionsByTopic(Manifests manifests) {
        Map<String, Integer> partitions = new TreeMap<>();
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            partitions.put(topic.get("spec", "topicName"), topic.<Number>get("spec", "partitions").intValue());
        }
        return partitions;
    }
}
