package io.ferry.spec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.schema.model.TableId;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefSyntaxTest {

    @Test
    void readsColumnsOfATable() {
        Ref ref = RefSyntax.parse("hcp1.public.enrollment(person_id)");

        assertThat(ref.table()).isEqualTo(new TableId("hcp1", "public", "enrollment"));
        assertThat(ref.columns()).containsExactly("person_id");
        assertThat(ref.jsonPath()).isNull();
    }

    @Test
    void readsQuotedIdentifiersAndCompositeColumns() {
        Ref ref = RefSyntax.parse("hcp2.public.\"AssessmentResult\"(\"personId\", term)");

        assertThat(ref.table()).isEqualTo(new TableId("hcp2", "public", "AssessmentResult"));
        assertThat(ref.columns()).containsExactly("personId", "term");
    }

    @Test
    void readsAJsonPath() {
        Ref ref = RefSyntax.parse("adb.public.event(payload->'$.personId')");

        assertThat(ref.columns()).containsExactly("payload");
        assertThat(ref.jsonPath()).isEqualTo("$.personId");
    }

    @Test
    void readsGraphLabelsAndRelationshipTypes() {
        assertThat(RefSyntax.parse("sp:Person(personId)"))
                .isEqualTo(new Ref(new TableId("sp", TableId.LABELS, "Person"), List.of("personId"), null));
        assertThat(RefSyntax.parse("graph:[:ORDERS](orderID, productID)"))
                .isEqualTo(new Ref(new TableId("graph", TableId.RELATIONSHIPS, "ORDERS"),
                        List.of("orderID", "productID"), null));
        assertThat(RefSyntax.parse("sp:`Odd Label`(id)").table().name()).isEqualTo("Odd Label");
    }

    @Test
    void readsATableWithoutColumns() {
        assertThat(RefSyntax.parseTable("ids.public.grade_level").table())
                .isEqualTo(new TableId("ids", "public", "grade_level"));
        assertThat(RefSyntax.parseTable("sp:Person").table()).isEqualTo(new TableId("sp", TableId.LABELS, "Person"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hcp2.public.\"AssessmentResult\"(\"personId\")", "adb.public.event(payload->'$.it''s')",
            "sp:Person(personId)", "sp:[:TEACHES](since)", "a.b.c(x, y)", "sp:`Odd Label`(id)"})
    void printsWhatItReads(String text) {
        assertThat(RefSyntax.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ids.person(id)", "ids.public.person(id", "ids.public.person()", "ids.public.person(a b)",
            "adb.public.event(payload->$.x)", "adb.public.event(payload->'x')", "adb.public.event(a, b->'$.x')",
            "sp:[TEACHES](x)", "sp:Bad-Label(x)", "ids.public.\"person(id)"})
    void rejectsMalformedReferences(String text) {
        assertThatThrownBy(() -> RefSyntax.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void aTableKeyNamesNoColumns() {
        assertThatThrownBy(() -> RefSyntax.parseTable("ids.public.person(id)"))
                .hasMessageContaining("only a table is expected");
        assertThatThrownBy(() -> RefSyntax.parse("ids.public.person")).hasMessageContaining("names no columns");
    }
}
