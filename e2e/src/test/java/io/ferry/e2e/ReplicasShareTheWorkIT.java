package io.ferry.e2e;

/** {@link ReplicasShareTheWork} on the small estate's shared demo. */
class ReplicasShareTheWorkIT extends ReplicasShareTheWork {

    @Override
    String preset() {
        return "small";
    }
}
