package io.ferry.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** A service's application.properties as it runs in the cluster: the kube profile's values over the others. */
record ServiceProperties(String service, Properties properties) {

    private static final String INCOMING = "mp.messaging.incoming.";

    static ServiceProperties of(String service) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Manifests.repoRoot()
                .resolve(service + "/src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceProperties(service, properties);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(properties.getProperty("%kube." + key, properties.getProperty(key)));
    }

    /** The channels read from Kafka. */
    Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(INCOMING) && key.endsWith(".connector")) {
                channels.add(key.substring(INCOMING.length(), key.length() - ".connector".length()));
            }
        }
        return channels;
    }

    Optional<String> channel(String channel, String attribute) {
        return get(INCOMING + channel + "." + attribute);
    }

    /** The incoming channel that reads {@code topic} in consumer group {@code group}. */
    Optional<String> channelReading(String topic, String group) {
        return incomingChannels().stream()
                .filter(c -> channel(c, "topic").filter(topic::equals).isPresent())
                .filter(c -> channel(c, "group.id").filter(group::equals).isPresent())
                .findFirst();
    }
}
