package io.ferry.schema.graph;

import java.util.List;

/**
 * Stores that can be extracted together: each waits only for stores of earlier waves (those it
 * references across stores). Stores referencing each other share a wave; {@code mutual} names them.
 */
public record StoreWave(int wave, List<String> stores, List<List<String>> mutual) {

    public StoreWave {
        stores = List.copyOf(stores);
        mutual = List.copyOf(mutual);
    }
}
