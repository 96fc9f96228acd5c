package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.batches.BatchColumn;
import io.ferry.batches.ColumnEncoding;
import io.ferry.schema.model.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphColumnTypesTest {

    @Test
    void columnTypesNameTheNeo4jTypeAndTravelAsText() {
        assertThat(GraphStoreReader.pgType(column("String"))).isEqualTo("neo4j:String");
        assertThat(GraphStoreReader.pgType(column("StringArray"))).isEqualTo("neo4j:StringArray");
        assertThat(GraphStoreReader.pgType(column("Long|String"))).isEqualTo("neo4j:Any");
        assertThat(GraphStoreReader.pgType(column("Any"))).isEqualTo("neo4j:Any");
        for (String type : List.of("neo4j:String", "neo4j:Long", "neo4j:Double", "neo4j:Boolean", "neo4j:Date",
                "neo4j:DateTime", "neo4j:Duration", "neo4j:Point", "neo4j:StringArray", "neo4j:Any")) {
            assertThat(new BatchColumn("p", type).encoding()).as(type).isEqualTo(ColumnEncoding.TEXT);
        }
    }

    private static Column column(String type) {
        return new Column("p", 1, type, true, Column.Generation.NONE, null);
    }
}
