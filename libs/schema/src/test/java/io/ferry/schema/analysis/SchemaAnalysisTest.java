package io.ferry.schema.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaAnalysisTest {

    static final TableId SCHOOL = new TableId("ids", "public", "school");
    static final TableId PERSON = new TableId("ids", "public", "person");
    static final TableId EVENT = new TableId("adb", "public", "Event");

    static Table table(TableId id, long rows, long bytes) {
        return new Table(id, TableKind.TABLE, List.of(new Column("id", 1, "bigint", false, Column.Generation.IDENTITY_ALWAYS, null)),
                new Key(id.name() + "_pkey", List.of("id"), true), List.of(), List.of(), List.of(), rows, bytes);
    }

    static EstateSchema estate() {
        Reference principal = new Reference("school_principal_id_fkey", SCHOOL, List.of("principal_id"), PERSON, List.of("id"),
                true, false, Reference.Origin.FOREIGN_KEY, null);
        Reference school = new Reference("person_school_id_fkey", PERSON, List.of("school_id"), SCHOOL, List.of("id"),
                false, false, Reference.Origin.FOREIGN_KEY, null);
        Reference link = new Reference("event_person", EVENT, List.of("payload"), PERSON, List.of("id"), true, false,
                Reference.Origin.JSON_PATH, "$.personId");
        return new EstateSchema(List.of(
                new StoreSchema("ids", StoreKind.POSTGRES, List.of(table(SCHOOL, 9, 16384), table(PERSON, 4389, 900000)),
                        List.of(principal, school), "abc"),
                new StoreSchema("adb", StoreKind.POSTGRES, List.of(table(EVENT, 4663, 2000000)), List.of(), "def")),
                List.of(link));
    }

    @Test
    void rendersAllFourFiles() throws Exception {
        Map<String, String> files = SchemaAnalysis.render(DependencyGraph.of(estate()));
        assertThat(files).containsOnlyKeys("schema-analysis.json", "dependency-graph.dot", "extraction-order.json", "README.md");

        JsonNode analysis = new ObjectMapper().readTree(files.get("schema-analysis.json"));
        assertThat(analysis.at("/stores/1/tables/0/columns/0/generation").asText()).isEqualTo("identity_always");
        assertThat(analysis.at("/cycles/0/kind").asText()).isEqualTo("nullable");
        assertThat(analysis.at("/cycles/0/breaks/0/name").asText()).isEqualTo("school_principal_id_fkey");
        assertThat(analysis.at("/references")).hasSize(3);

        JsonNode order = new ObjectMapper().readTree(files.get("extraction-order.json"));
        assertThat(order.at("/waves/0/stores/0/store").asText()).isEqualTo("ids");
        assertThat(order.at("/waves/1/stores/0/store").asText()).isEqualTo("adb");
        assertThat(order.at("/waves/1/stores/0/waitsFor/0").asText()).isEqualTo("ids");
        assertThat(order.at("/waves/0/stores/0/tables/0/tables").toString()).isEqualTo("[\"public.school\",\"public.person\"]");

        String dot = files.get("dependency-graph.dot");
        assertThat(dot).contains("subgraph cluster_0").contains("label=\"adb\"")
                .contains("\"adb.public.\\\"Event\\\"\" -> \"ids.public.person\" [tooltip=")
                .contains("style=dashed").contains("color=red").contains("label=\"break: null_then_update\"");

        String readme = files.get("README.md");
        assertThat(readme).contains("- tables: 3").contains("- references: 3 (0 composite, 0 self-references")
                .contains("- cross-store references: 1").contains("wave 1: adb")
                .contains("broken at ids.public.school(principal_id) -> ids.public.person(id) is: nullable");
        assertThat(readme.indexOf("adb.public.\"Event\"")).isLessThan(readme.indexOf("ids.public.person | 4389"));
    }

    @Test
    void runWritesTheFiles(@TempDir Path dir) throws Exception {
        List<Path> written = SchemaAnalysis.run(estate(), dir.resolve("out"));
        assertThat(written).hasSize(4).allMatch(Files::isRegularFile);
        assertThat(Files.readString(written.get(0))).isEqualTo(SchemaAnalysis.render(DependencyGraph.of(estate()))
                .get("schema-analysis.json"));
    }
}
