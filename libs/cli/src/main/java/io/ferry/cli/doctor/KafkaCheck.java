package io.ferry.cli.doctor;

import io.ferry.contracts.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Kafka for {@code ferry doctor}: the broker answers, and every Ferry topic exists with the partitions DESIGN.md gives
 * it (3 for commands, 12 for batches: fewer limit how far a phase scales out), or the broker creates topics on first
 * use.
 */
final class KafkaCheck {

    private KafkaCheck() {
    }

    /**
     * The bootstrap addresses where nothing accepts a TCP connection (refused, unknown host, or no answer within 3 s).
     * Only a quick first look: an address that accepts still has to answer as a broker.
     */
    static List<String> refusing(String bootstrap) {
        List<String> refused = new ArrayList<>();
        for (String address : bootstrap.split(",")) {
            String a = address.strip();
            int colon = a.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a.substring(0, Math.max(colon, 0)).replaceAll("^\\[|\\]$", ""),
                        Integer.parseInt(a.substring(colon + 1))), 3000);
            } catch (IOException | IllegalArgumentException e) {
                refused.add(a);
            }
        }
        return refused;
    }

    /** Whether the broker creates topics on first use; false when its configuration may not be read (an ACL). */
    private static boolean autoCreate(Admin admin, String broker) throws InterruptedException {
        try {
            var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, broker))).all()
                    .get(15, TimeUnit.SECONDS).values().iterator().next().get("auto.create.topics.enable");
            return config != null && Boolean.parseBoolean(config.value());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    static List<Check> check(String bootstrap) {
        List<String> refused = refusing(bootstrap);
        if (refused.size() == bootstrap.split(",").length) {
            // The admin client would retry a refused connection until its 15 s timeout: say so at once.
            return List.of(Check.fail("kafka", "no broker answered at " + bootstrap + " (connection refused at "
                    + String.join(", ", refused) + "); is Kafka running, and is the address right?"));
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        List<Check> out = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            Collection<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            String broker = admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).iterator().next().idString();
            out.add(Check.ok("kafka", "broker at " + bootstrap + " answers"));
            boolean autoCreate = autoCreate(admin, broker);
            List<String> wanted = new ArrayList<>();
            for (String t : Topics.all()) {
                wanted.add(t);
                wanted.add(Topics.dlq(t));
            }
            List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
            Map<String, TopicDescription> found = admin.describeTopics(wanted.stream().filter(existing::contains).toList())
                    .allTopicNames().get(15, TimeUnit.SECONDS);
            List<String> few = found.values().stream()
                    .filter(d -> d.partitions().size() < Topics.partitions(d.name()))
                    .map(d -> d.name() + " (" + d.partitions().size() + " of " + Topics.partitions(d.name()) + ")").toList();
            if (missing.isEmpty()) {
                out.add(Check.ok("kafka", "all " + wanted.size() + " Ferry topics exist"));
            } else if (autoCreate) {
                out.add(Check.warn("kafka", missing.size() + " Ferry topic(s) do not exist yet (e.g. " + missing.get(0)
                        + "); the broker creates them on first use with its default partitions: create them with 3"
                        + " partitions for commands and 12 for batches to scale the phases out"));
            } else {
                out.add(Check.fail("kafka", missing.size() + " Ferry topic(s) missing and the broker does not create"
                        + " topics: create " + String.join(", ", missing.subList(0, Math.min(4, missing.size())))
                        + (missing.size() > 4 ? " and " + (missing.size() - 4) + " more" : "")
                        + " (3 partitions for commands, 12 for batches; dead-letter topics like their topic)"));
            }
            if (!few.isEmpty()) {
                out.add(Check.warn("kafka", few.size() + " topic(s) have fewer partitions than Ferry scales to: "
                        + String.join(", ", few.subList(0, Math.min(4, few.size())))
                        + (few.size() > 4 ? " and " + (few.size() - 4) + " more" : "")
                        + "; each partition is read by one replica at a time"));
            }
        } catch (ExecutionException | TimeoutException e) {
            out.add(Check.fail("kafka", "no broker answered at " + bootstrap + " (" + e.getClass().getSimpleName()
                    + "); is Kafka running, and is the address right?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(Check.fail("kafka", "interrupted"));
        }
        return out;
    }
}
