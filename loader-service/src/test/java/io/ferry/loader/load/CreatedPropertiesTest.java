package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.batches.BatchColumn;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.StagedTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedPropertiesTest {

    @Test
    void namesEachPropertyColumnAndTheStampsButNoKeyLabelsOrStampColumn() {
        StagedTable table = new StagedTable(new TableId("sp", TableId.LABELS, "Student"), List.of(
                new BatchColumn(Neo4jIntrospector.ELEMENT, "text"), new BatchColumn("_labels", "text"),
                new BatchColumn("studentId", "bigint"), new BatchColumn("odd`name", "text"),
                new BatchColumn("_ferryRun", "text")), List.of(), 0);

        assertThat(GraphStoreLoad.createdProperties(table, List.of(Neo4jIntrospector.ELEMENT))).isEqualTo(
                "{`studentId`: row.props.`studentId`, `odd``name`: row.props.`odd``name`, _ferryRun: $run,"
                        + " _ferryHash: row.hash}");
    }
}
