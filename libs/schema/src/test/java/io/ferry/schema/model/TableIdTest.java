package io.ferry.schema.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableIdTest {

    @Test
    void plainNamesPrintWithoutQuotes() {
        TableId id = TableId.parse("ids.public.person");
        assertThat(id).isEqualTo(new TableId("ids", "public", "person"));
        assertThat(id.toString()).isEqualTo("ids.public.person");
        assertThat(id.qualified()).isEqualTo("public.person");
    }

    @Test
    void mixedCaseAndDottedNamesRoundTripThroughQuotes() {
        TableId id = TableId.parse("hcp2.public.\"AssessmentResult\"");
        assertThat(id.name()).isEqualTo("AssessmentResult");
        assertThat(id.toString()).isEqualTo("hcp2.public.\"AssessmentResult\"");
        TableId odd = new TableId("s", "my schema", "a.\"b\"");
        assertThat(TableId.parse(odd.toString())).isEqualTo(odd);
    }

    @Test
    void wrongShapesAreRefusedWithAnExample() {
        assertThatThrownBy(() -> TableId.parse("public.person")).hasMessageContaining("store.schema.table");
        assertThatThrownBy(() -> TableId.parse("ids.public.\"person")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> TableId.parse("ids..person")).hasMessageContaining("empty");
    }

    @Test
    void sortsByStoreSchemaName() {
        assertThat(TableId.parse("a.b.c")).isLessThan(TableId.parse("a.b.d")).isLessThan(TableId.parse("b.a.a"));
    }
}
