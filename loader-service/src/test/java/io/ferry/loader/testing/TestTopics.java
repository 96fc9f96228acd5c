package io.ferry.loader.testing;

/** Every topic the loader reads or writes, as the testkit's {@code KafkaResource} wants them (2 partitions). */
public final class TestTopics {

    public static final String ALL = "ferry.load.requests.v1:2,ferry.load.results.v1:2,"
            + "ferry.compensate.requests.v1:2,ferry.compensate.results.v1:2,ferry.progress.v1:2,"
            + "ferry.load.requests.v1.dlq:2,ferry.compensate.requests.v1.dlq:2";

    private TestTopics() {
    }
}
