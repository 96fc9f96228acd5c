package io.ferry.contracts;

import java.util.List;
import java.util.Set;

/**
 * Every Kafka topic Ferry uses (DESIGN.md, Interfaces). Constants so that {@code @Incoming} and
 * {@code @Outgoing} can name them; the record carried on each topic is in
 * {@link io.ferry.contracts.messages.MessageTypes}.
 */
public final class Topics {

    public static final String PREFLIGHT_REQUESTS = "ferry.preflight.requests.v1";
    public static final String PREFLIGHT_RESULTS = "ferry.preflight.results.v1";
    public static final String EXTRACT_REQUESTS = "ferry.extract.requests.v1";
    public static final String EXTRACT_RESULTS = "ferry.extract.results.v1";
    public static final String BATCHES_EXTRACTED = "ferry.batches.extracted.v1";
    public static final String BATCHES_ANONYMIZED = "ferry.batches.anonymized.v1";
    public static final String LEAKCHECK_REQUESTS = "ferry.leakcheck.requests.v1";
    public static final String LEAKCHECK_RESULTS = "ferry.leakcheck.results.v1";
    public static final String VALIDATE_REQUESTS = "ferry.validate.requests.v1";
    public static final String VALIDATE_RESULTS = "ferry.validate.results.v1";
    public static final String LOAD_REQUESTS = "ferry.load.requests.v1";
    public static final String LOAD_RESULTS = "ferry.load.results.v1";
    public static final String COMPENSATE_REQUESTS = "ferry.compensate.requests.v1";
    public static final String COMPENSATE_RESULTS = "ferry.compensate.results.v1";
    public static final String VERIFY_REQUESTS = "ferry.verify.requests.v1";
    public static final String VERIFY_RESULTS = "ferry.verify.results.v1";
    public static final String CATALOG_REQUESTS = "ferry.catalog.requests.v1";
    public static final String CATALOG_RESULTS = "ferry.catalog.results.v1";
    public static final String PROGRESS = "ferry.progress.v1";
    public static final String RUNS = "ferry.runs.v1";

    /** Partitions of every topic that is not a batch topic. */
    public static final int COMMAND_PARTITIONS = 3;
    /** Partitions of the batch topics: batches are the unit of parallel work. */
    public static final int BATCH_PARTITIONS = 12;
    /** Partitions of every topic in tests, so that a test still sees more than one partition. */
    public static final int TEST_PARTITIONS = 2;

    private static final String DLQ_SUFFIX = ".dlq";

    private static final List<String> ALL = List.of(
            PREFLIGHT_REQUESTS, PREFLIGHT_RESULTS,
            EXTRACT_REQUESTS, EXTRACT_RESULTS,
            BATCHES_EXTRACTED, BATCHES_ANONYMIZED,
            LEAKCHECK_REQUESTS, LEAKCHECK_RESULTS,
            VALIDATE_REQUESTS, VALIDATE_RESULTS,
            LOAD_REQUESTS, LOAD_RESULTS,
            COMPENSATE_REQUESTS, COMPENSATE_RESULTS,
            VERIFY_REQUESTS, VERIFY_RESULTS,
            CATALOG_REQUESTS, CATALOG_RESULTS,
            PROGRESS, RUNS);

    private static final Set<String> BATCH_TOPICS = Set.of(BATCHES_EXTRACTED, BATCHES_ANONYMIZED);

    private Topics() {
    }

    /** Every topic in the order of DESIGN.md's table, without dead-letter topics. */
    public static List<String> all() {
        return ALL;
    }

    /** The dead-letter topic of {@code topic}; it has the same key and partitions as its topic. */
    public static String dlq(String topic) {
        return requireKnown(topic) + DLQ_SUFFIX;
    }

    public static boolean isDlq(String topic) {
        return topic.endsWith(DLQ_SUFFIX) && ALL.contains(topic.substring(0, topic.length() - DLQ_SUFFIX.length()));
    }

    /** The topic a dead-letter topic belongs to; a topic that is not a DLQ is returned as is. */
    public static String baseOf(String topic) {
        return isDlq(topic) ? topic.substring(0, topic.length() - DLQ_SUFFIX.length()) : requireKnown(topic);
    }

    public static boolean isBatchTopic(String topic) {
        return BATCH_TOPICS.contains(baseOf(topic));
    }

    /** Partitions in production; tests use {@link #TEST_PARTITIONS} for every topic. */
    public static int partitions(String topic) {
        return isBatchTopic(topic) ? BATCH_PARTITIONS : COMMAND_PARTITIONS;
    }

    private static String requireKnown(String topic) {
        if (!ALL.contains(topic)) {
            throw new ContractViolation("not a Ferry topic: " + topic);
        }
        return topic;
    }
}
