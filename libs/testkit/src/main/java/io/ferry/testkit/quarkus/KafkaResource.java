package io.ferry.testkit.quarkus;

import io.ferry.testkit.SharedServers;
import io.ferry.testkit.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a Quarkus test at the module's shared in-process Kafka broker, with Dev Services off, and
 * injects a {@link KafkaCompanion} into fields annotated {@link InjectKafkaCompanion}. Quarkus's own
 * {@code KafkaCompanionResource} starts a container, which this machine cannot run.
 *
 * <p>Init arg {@value #TOPICS} ({@code name:partitions,...}) creates topics before the application
 * starts. The broker outlives {@link #stop()}: every test class of the module shares it, and
 * {@link SharedServers} stops it when the JVM exits.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPICS = "topics";

    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        String spec = initArgs.getOrDefault(TOPICS, "");
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] nameAndPartitions = entry.trim().split(":");
            topics.put(nameAndPartitions[0], nameAndPartitions.length > 1 ? Integer.parseInt(nameAndPartitions[1]) : 1);
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = SharedServers.kafka();
        if (!topics.isEmpty()) {
            broker.createTopics(topics);
        }
        companion = new KafkaCompanion(broker.bootstrapServers());
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
            companion = null;
        }
    }
}
