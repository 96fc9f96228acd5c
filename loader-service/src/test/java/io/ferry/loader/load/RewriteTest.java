package io.ferry.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.model.Reference;
import io.ferry.schema.model.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteTest {

    private static final TableId PERSON = TableId.parse("ids.public.person");
    private static final TableId SCHOOL = TableId.parse("ids.public.school");
    private static final TableId EVENT = TableId.parse("adb.public.event");

    private static Reference ref(TableId from, String column, TableId to, String toColumn, String jsonPath) {
        return new Reference("r", from, List.of(column), to, List.of(toColumn), true, false,
                jsonPath == null ? Reference.Origin.LINK : Reference.Origin.JSON_PATH, jsonPath);
    }

    @Test
    void referencesToAMappedKeyAreRewrittenColumnByColumnAndPathByPath() {
        Map<TableId, List<Rewrite>> rewrites = Rewrite.of(List.of(
                ref(EVENT, "person_id", PERSON, "id", null),
                ref(EVENT, "payload", PERSON, "id", "$.personId"),
                ref(EVENT, "payload", SCHOOL, "id", "$.school.id"),
                ref(EVENT, "person_uuid", PERSON, "person_uuid", null)), Map.of(PERSON, "id", SCHOOL, "id"));

        assertThat(rewrites.get(EVENT)).containsExactly(
                new Rewrite("person_id", List.of(), PERSON),
                new Rewrite("payload", List.of("personId"), PERSON),
                new Rewrite("payload", List.of("school", "id"), SCHOOL));
        assertThat(rewrites.get(EVENT).get(2).pathLiteral()).isEqualTo("'{\"school\",\"id\"}'");
    }

    @Test
    void oneValueThatWouldFollowTwoMapsIsRefused() {
        assertThatThrownBy(() -> Rewrite.of(List.of(ref(EVENT, "owner_id", PERSON, "id", null),
                ref(EVENT, "owner_id", SCHOOL, "id", null)), Map.of(PERSON, "id", SCHOOL, "id")))
                .isInstanceOf(LoadRefusedException.class)
                .hasMessageContaining("public.event.owner_id references both ids.public.person and ids.public.school");
    }
}
