package io.ferry.anonymizer.testing;

/** Every topic the anonymizer reads or writes, as the testkit's {@code KafkaResource} wants them (2 partitions). */
public final class TestTopics {

    public static final String ALL = "ferry.batches.extracted.v1:2,ferry.batches.anonymized.v1:2,"
            + "ferry.leakcheck.requests.v1:2,ferry.leakcheck.results.v1:2,ferry.progress.v1:2,"
            + "ferry.batches.extracted.v1.dlq:2,ferry.leakcheck.requests.v1.dlq:2";

    private TestTopics() {
    }
}
