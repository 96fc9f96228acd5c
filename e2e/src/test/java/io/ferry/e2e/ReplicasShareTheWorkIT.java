package io.ferry.e2e;

import org.junit.jupiter.api.Order;

/** {@link ReplicasShareTheWork} on the small estate's shared demo. */
@Order(4)
class ReplicasShareTheWorkIT extends ReplicasShareTheWork {

    @Override
    String preset() {
        return "small";
    }
}
