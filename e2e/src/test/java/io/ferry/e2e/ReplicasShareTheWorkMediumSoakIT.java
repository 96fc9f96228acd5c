package io.ferry.e2e;

/** {@link ReplicasShareTheWork} on a medium estate's demo, as the issue asks; a few minutes more, so -Psoak only. */
class ReplicasShareTheWorkMediumSoakIT extends ReplicasShareTheWork {

    @Override
    String preset() {
        return "medium";
    }
}
