package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.demo.Demo;
import io.ferry.cli.spec.SpecSession;
import io.ferry.contracts.Topics;
import io.ferry.service.faults.KillPoint;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Phase replicas share a run's work as a cluster's would: a second extractor and a second anonymizer process join a
 * shared demo's consumer groups (the small estate's in {@link ReplicasShareTheWorkIT}, a medium one under -Psoak); district-001 runs until Kafka has handed each extractor at least one store and each
 * anonymizer at least one batch (which store goes where follows the run id's hash, so a round may miss one: up to
 * {@value #ROUNDS} rounds), and every round's CERT is exactly the single-process run's. Then an anonymizer replica
 * halts at its first published batch and stays dead: the run still completes, CERT again as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplicasShareTheWork {

    private static final int ROUNDS = 4;
    private static final Pattern EXTRACTED = Pattern.compile("extract (mig-[0-9-]+)/(\\w+) \\(.*\\): done");
    private static final Pattern ANONYMIZED = Pattern.compile("batch (mig-[0-9-]+)/anonymize/(\\S+): anonymized");

    private SharedDemo shared;
    private CrashRound round;
    private String lastRun;
    private String bootstrap;

    /** The estate the demo runs on. */
    abstract String preset();

    @BeforeAll
    void replicas() throws Exception {
        shared = SharedDemo.get(preset());
        lastRun = shared.loaded("district-001");
        Spec spec = SpecSession.open(shared.dir.resolve("estate/ferry.yaml")).spec();
        EstateProperties estate = EstateProperties.read(shared.dir.resolve("estate/estate.properties"));
        bootstrap = estate.require("kafka.bootstrap.servers");
        round = new CrashRound(shared, spec, estate, CertContents.of(spec, estate));
        // Started side by side, each waiting for its own readiness, and without a warm-up (10-20 s each on this
        // machine): the rounds are about sharing the work, and the first processes have warmed up already.
        CompletableFuture<Void> extractor = CompletableFuture.runAsync(() -> shared.demo.addReplica("extractor",
                "extractor-2", Map.of("ferry.extractor.warm-up.rows", "0"), true));
        shared.demo.addReplica("anonymizer", "anonymizer-2", Map.of("ferry.anonymizer.warm-up.rows", "0"), true);
        extractor.join();
        awaitMembers("ferry-extractor", Topics.EXTRACT_REQUESTS, 2);
        awaitMembers("ferry-anonymizer", Topics.BATCHES_EXTRACTED, 2);
    }

    @AfterAll
    void singleProcessesAgain() throws Exception {
        for (String replica : List.of("extractor-2", "anonymizer-2", "anonymizer-3")) {
            shared.demo.removeReplica(replica); // one never started or already removed: nothing to stop
        }
    }

    @Test
    @Order(1)
    void eachReplicaTakesAShareAndCertEndsAsWithOneProcessEach() throws Exception {
        TreeSet<String> extractor = new TreeSet<>();
        TreeSet<String> extractor2 = new TreeSet<>();
        TreeSet<String> anonymizer = new TreeSet<>();
        TreeSet<String> anonymizer2 = new TreeSet<>();
        int rounds = 0;
        while (rounds < ROUNDS && (extractor.isEmpty() || extractor2.isEmpty() || anonymizer.isEmpty()
                || anonymizer2.isEmpty())) {
            rounds++;
            lastRun = round.run(lastRun);
            round.assertRecovered(lastRun);
            extractor.addAll(done(EXTRACTED, "extractor", lastRun));
            extractor2.addAll(done(EXTRACTED, "extractor-2", lastRun));
            anonymizer.addAll(done(ANONYMIZED, "anonymizer", lastRun));
            anonymizer2.addAll(done(ANONYMIZED, "anonymizer-2", lastRun));
            System.out.printf("replicas, round %d (%s): extractor %s, extractor-2 %s; anonymizer %d batch(es),"
                    + " anonymizer-2 %d%n", rounds, lastRun, extractor, extractor2, anonymizer.size(), anonymizer2.size());
        }
        assertThat(extractor).as("stores the first extractor extracted in %d round(s)", rounds).isNotEmpty();
        assertThat(extractor2).as("stores the second extractor extracted in %d round(s)", rounds).isNotEmpty();
        assertThat(anonymizer).as("batches the first anonymizer anonymized").isNotEmpty();
        assertThat(anonymizer2).as("batches the second anonymizer anonymized").isNotEmpty();
    }

    @Test
    @Order(2)
    void aReplicaThatDiesMidRunLeavesItsShareToTheOthers() throws Exception {
        shared.demo.removeReplica("anonymizer-2");
        Map<String, String> settings = new HashMap<>(Demo.killPoint(KillPoint.ANONYMIZER_AFTER_PUBLISH, 0));
        // No warm-up: the replica takes batches while it warms up, and one left from the last round (redelivered when
        // the group rebalances) would halt it at its kill point before it reports ready, not in this round's run.
        settings.put("ferry.anonymizer.warm-up.rows", "0");
        shared.demo.addReplica("anonymizer", "anonymizer-3", settings, false);
        awaitMembers("ferry-anonymizer", Topics.BATCHES_EXTRACTED, 2);

        lastRun = round.run(lastRun);

        assertThat(Files.readString(log("anonymizer-3"))).as("the replica halted at its first published batch")
                .contains("kill point " + KillPoint.ANONYMIZER_AFTER_PUBLISH);
        assertThat(shared.said()).contains("demo: the anonymizer-3 service stopped; it stays stopped");
        round.assertRecovered(lastRun);
    }

    /** What the service's log says it finished of the run: stores extracted, or batches anonymized. */
    private List<String> done(Pattern line, String service, String runId) throws Exception {
        Path log = log(service);
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().map(line::matcher).filter(Matcher::find)
                .filter(m -> m.group(1).equals(runId)).map(m -> m.group(2)).toList();
    }

    private Path log(String service) {
        return shared.dir.resolve("logs").resolve(service + ".log");
    }

    /** Waits until {@code members} processes of the group hold partitions of {@code topic} (a rebalance takes seconds). */
    private void awaitMembers(String group, String topic, int members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long holding = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                holding = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                        .map(MemberDescription::assignment)
                        .filter(a -> a.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic)))
                        .count();
                if (holding >= members) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        assertThat(holding).as("members of %s holding partitions of %s", group, topic).isGreaterThanOrEqualTo(members);
    }
}
