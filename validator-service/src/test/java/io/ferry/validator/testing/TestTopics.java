package io.ferry.validator.testing;

/** Every topic the validator reads or writes, as the testkit's {@code KafkaResource} wants them (2 partitions). */
public final class TestTopics {

    public static final String ALL = "ferry.validate.requests.v1:2,ferry.validate.results.v1:2,"
            + "ferry.progress.v1:2,ferry.validate.requests.v1.dlq:2,ferry.verify.requests.v1:2,ferry.verify.results.v1:2";

    private TestTopics() {
    }
}
