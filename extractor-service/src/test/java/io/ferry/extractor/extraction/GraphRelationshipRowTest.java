package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.batches.BatchColumn;
import io.ferry.planning.Tuple;
import io.ferry.planning.graph.GraphSource.Rel;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A relationship's row takes its key from the plan, and only while the relationship joins the planned nodes. */
class GraphRelationshipRowTest {
    private static final GraphStoreReader.Layout ENROLLED_IN = new GraphStoreReader.Layout(
            new TableId("sp", TableId.RELATIONSHIPS, "ENROLLED_IN"), null, List.of("from.personId", "to.sectionId"),
            List.of("since"), List.of(new BatchColumn("from.personId", "neo4j:Long"),
                    new BatchColumn("to.sectionId", "neo4j:String"), new BatchColumn("since", "neo4j:Date")));
    private static final Rel PLANNED = new Rel("40", "ENROLLED_IN", "7", "9");

    @Test
    void aRelationshipBetweenThePlannedNodesGetsThePlansKeyAndItsOwnProperties() {
        String[] row = GraphStoreReader.relationshipRow("sp", ENROLLED_IN, PLANNED, Tuple.of(List.of(17L, "s-3")), "7",
                "9", Map.of("since", java.time.LocalDate.of(2024, 9, 1)));
        assertThat(row).containsExactly("17", "s-3", "2024-09-01");
    }

    @Test
    void aRelationshipWhoseIdNowJoinsOtherNodesStopsTheExtractionForARetry() {
        for (String[] ends : List.of(new String[] {"8", "9"}, new String[] {"7", "8"}, new String[] {"9", "7"})) {
            assertThatThrownBy(() -> GraphStoreReader.relationshipRow("sp", ENROLLED_IN, PLANNED,
                    Tuple.of(List.of(17L, "s-3")), ends[0], ends[1], Map.of()))
                    .isInstanceOfSatisfying(ExtractionFailure.class, f -> {
                        assertThat(f.failure().code()).isEqualTo("GRAPH_CHANGED");
                        assertThat(f.isTransient()).isTrue();
                        assertThat(f.getMessage()).contains("relationship.ENROLLED_IN")
                                .contains("a relationship of the plan joins other nodes");
                    });
        }
    }
}
