package io.ferry.extractor.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.planning.Tuple;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractQueriesTest {

    private static Column column(String name, String type, int position) {
        return new Column(name, position, type, true, Column.Generation.NONE, null);
    }

    private static Table table(TableKind kind, Key pk, Column... columns) {
        return new Table(new TableId("s", "public", "person"), kind, List.of(columns), pk, List.of(), List.of(), List.of(),
                -1, -1);
    }

    @Test
    void aSingleIntegerKeyChunkIsAnArrayOfNumbersSortedByKey() {
        Table t = table(TableKind.TABLE, new Key("pk", List.of("id"), true), column("id", "bigint", 1),
                column("name", "text", 2));

        String sql = ExtractQueries.copyByKeys(t, List.of("id"), List.of(Tuple.of(1L), Tuple.of(2L)));

        assertThat(sql).isEqualTo("COPY (SELECT t.\"id\", t.\"name\" FROM ONLY public.person t WHERE t.\"id\" ="
                + " ANY(CAST(E'{1,2}' AS text[])::bigint[]) ORDER BY t.\"id\") TO STDOUT");
    }

    @Test
    void textKeysAreQuotedForTheArrayAndTheStringWhateverTheyHoldAndCompositeKeysAreLookedUpOneByOne() {
        Table t = table(TableKind.PARTITIONED, new Key("pk", List.of("code", "n"), true), column("code", "character varying(5)", 1),
                column("n", "integer", 2));

        String sql = ExtractQueries.copyByKeys(t, List.of("code", "n"),
                List.of(Tuple.of("it's", 1L), Tuple.of("a\"b\\c", 2L)));

        assertThat(sql).startsWith("COPY (SELECT t.\"code\", t.\"n\" FROM unnest(CAST(E'{\"it''s\",\"a\\\\\"b\\\\\\\\c\"}'"
                        + " AS text[])::character varying(5)[], CAST(E'{1,2}' AS text[])::integer[]) AS k(k0, k1)")
                .contains(" CROSS JOIN LATERAL (SELECT * FROM public.person t WHERE t.\"code\" = k.k0 AND t.\"n\" = k.k1"
                        + " OFFSET 0) t")
                .endsWith("ORDER BY t.\"code\", t.\"n\") TO STDOUT");
    }

    @Test
    void columnsAreAlwaysQuotedSoReservedWordsAndCaseSurvive() {
        Table t = table(TableKind.TABLE, new Key("pk", List.of("user", "Id"), true), column("user", "integer", 1),
                column("Id", "integer", 2));

        assertThat(ExtractQueries.copyByKeys(t, List.of("user", "Id"), List.of(Tuple.of(7L, 8L))))
                .contains("SELECT t.\"user\", t.\"Id\" FROM").contains("FROM ONLY public.person t WHERE t.\"user\" = k.k0 AND t.\"Id\" = k.k1")
                .contains("ORDER BY t.\"user\", t.\"Id\")");
    }

    @Test
    void aTableWithoutAPrimaryKeyIsReadWholeInAStableOrder() {
        Table t = table(TableKind.TABLE, null, column("a", "integer", 1));

        assertThat(ExtractQueries.copyAll(t)).isEqualTo("COPY (SELECT t.\"a\" FROM ONLY public.person t ORDER BY t::text) TO STDOUT");
    }
}
