package io.ferry.coordinator.messaging;

/** Every topic the coordinator reads or writes, as the testkit's {@code KafkaResource} wants them (2 partitions). */
public final class TestTopics {

    public static final String ALL = "ferry.preflight.requests.v1:2,ferry.preflight.results.v1:2,"
            + "ferry.extract.requests.v1:2,ferry.extract.results.v1:2,ferry.batches.extracted.v1:2,"
            + "ferry.batches.anonymized.v1:2,ferry.leakcheck.requests.v1:2,ferry.leakcheck.results.v1:2,"
            + "ferry.validate.requests.v1:2,ferry.validate.results.v1:2,ferry.load.requests.v1:2,"
            + "ferry.load.results.v1:2,ferry.compensate.requests.v1:2,ferry.compensate.results.v1:2,ferry.runs.v1:2,"
            + "ferry.preflight.requests.v1.dlq:2,ferry.extract.requests.v1.dlq:2,ferry.batches.extracted.v1.dlq:2,"
            + "ferry.leakcheck.requests.v1.dlq:2,ferry.validate.requests.v1.dlq:2,ferry.load.requests.v1.dlq:2,"
            + "ferry.compensate.requests.v1.dlq:2,ferry.progress.v1:2,ferry.catalog.requests.v1:2,"
            + "ferry.catalog.results.v1:2,ferry.verify.requests.v1:2,ferry.verify.results.v1:2,"
            + "ferry.verify.requests.v1.dlq:2";

    private TestTopics() {
    }
}
