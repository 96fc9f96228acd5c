package io.ferry.extractor.extraction;

import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.testkit.neo4j.Neo4jServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The large estate's PROD graph in a JVM of its own, for {@link LargeDistrictExtractionSoakIT}: an in-process Neo4j
 * would put its own heap into the extractor's figures. Starts the server in the folder of the first argument,
 * generates the graph with the soak's seed and date, prints {@code bolt <uri>}, and stops when its standard input
 * closes (the soak closes it, or dies).
 */
public final class GraphServerMain {

    private GraphServerMain() {
    }

    public static void main(String[] args) throws IOException {
        try (Neo4jServer graph = Neo4jServer.start(Path.of(args[0]), null)) {
            SampleEstate.generate(new EstateServers(null, null, graph, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            System.out.println("bolt " + graph.boltUri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the soak closes the pipe
            }
        }
    }
}
