package io.ferry.extractor.testing;

/** Every topic the extractor reads or writes, as the testkit's {@code KafkaResource} wants them (2 partitions). */
public final class TestTopics {

    public static final String ALL = "ferry.extract.requests.v1:2,ferry.extract.results.v1:2,"
            + "ferry.preflight.requests.v1:2,ferry.preflight.results.v1:2,"
            + "ferry.catalog.requests.v1:2,ferry.catalog.results.v1:2,"
            + "ferry.batches.extracted.v1:2,ferry.progress.v1:2,"
            + "ferry.extract.requests.v1.dlq:2,ferry.preflight.requests.v1.dlq:2,ferry.catalog.requests.v1.dlq:2";

    private TestTopics() {
    }
}
