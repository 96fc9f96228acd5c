package io.ferry.planning.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.neo4j.Neo4jServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;

class RowSlicesIT {
    private static Neo4jServer neo4j;

    @BeforeAll
    static void start() {
        neo4j = Neo4jServer.startTemporary();
    }

    @AfterAll
    static void stop() {
        neo4j.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, RowSlices.SIZE - 1, RowSlices.SIZE, RowSlices.SIZE + 1, 3 * RowSlices.SIZE + 17})
    void everyRowComesBackOnceInOrderInSlicesOfAtMostSize(int rows) {
        try (Session session = neo4j.driver().session()) {
            Result result = session.run("UNWIND range(1, $n) AS x" + RowSlices.returning("[x, toString(x)]"), Map.of("n", rows));
            List<Long> numbers = new ArrayList<>();
            List<Integer> sliceSizes = new ArrayList<>();
            result.forEachRemaining(r -> {
                sliceSizes.add(r.get("slice").size());
                r.get("slice").values().forEach(row -> {
                    assertThat(row.get(1).asString()).isEqualTo(String.valueOf(row.get(0).asLong()));
                    numbers.add(row.get(0).asLong());
                });
            });
            assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, rows).boxed().toList());
            assertThat(sliceSizes).hasSize((rows + RowSlices.SIZE - 1) / RowSlices.SIZE).allMatch(s -> s <= RowSlices.SIZE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2 * RowSlices.SIZE + 3})
    void forEachHandsOverTheRowsOfEverySlice(int rows) {
        try (Session session = neo4j.driver().session()) {
            List<Long> numbers = new ArrayList<>();
            RowSlices.forEach(session.run("UNWIND range(1, $n) AS x" + RowSlices.returning("[x]"), Map.of("n", rows)),
                    row -> numbers.add(row.get(0).asLong()));
            assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, rows).boxed().toList());
        }
    }
}
