package io.ferry.schema.mapping;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.schema.mapping.ColumnMapping.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMappingTest {

    private static final TableId T = TableId.parse("hcp1.public.course");

    private static Column col(String name, String type) {
        return new Column(name, 0, type, true, Column.Generation.NONE, null);
    }

    private static Column col(String name, String type, boolean nullable, Column.Generation generation, String def) {
        return new Column(name, 0, type, nullable, generation, def);
    }

    private static Table cert(Column... columns) {
        return new Table(T, TableKind.TABLE, List.of(columns), new Key("pk", List.of("id"), true), List.of(), List.of(),
                List.of(), -1, -1);
    }

    @Test
    void sameColumnsAreCopiedInCertOrder() {
        TableMapping m = SchemaMapping.map(List.of(), T, List.of(col("name", "text"), col("id", "bigint")),
                cert(col("id", "bigint"), col("name", "text")));
        assertThat(m.columns()).extracting(ColumnMapping::target, ColumnMapping::source, ColumnMapping::fill)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "id", Fill.COPY),
                        org.assertj.core.groups.Tuple.tuple("name", "name", Fill.COPY));
        assertThat(m.issues()).isEmpty();
        assertThat(m.loadable()).isTrue();
    }

    @Test
    void aColumnCertLacksIsAnErrorNamingTheRuleUntilADropRuleCoversIt() {
        List<Column> prod = List.of(col("id", "bigint"), col("legacy_code", "character varying(12)"));
        TableMapping without = SchemaMapping.map(List.of(), T, prod, cert(col("id", "bigint")));
        assertThat(without.loadable()).isFalse();
        assertThat(without.issues()).singleElement().satisfies(i -> {
            assertThat(i.check()).isEqualTo("drift-missing-column");
            assertThat(i.column()).isEqualTo("legacy_code");
            assertThat(i.message()).contains("{column: hcp1.public.course.legacy_code, action: drop}");
        });
        TableMapping with = SchemaMapping.map(List.of(new DriftRule(T, "legacy_code", DriftAction.DROP, null)), T, prod,
                cert(col("id", "bigint")));
        assertThat(with.issues()).isEmpty();
        assertThat(with.dropped()).containsExactly("legacy_code");
        assertThat(with.columns()).extracting(ColumnMapping::target).containsExactly("id");
    }

    @Test
    void certOnlyColumnsTakeTheirDefaultOrNullAndARequiredOneNeedsAValue() {
        Table cert = cert(col("id", "bigint"), col("is_virtual", "boolean", false, Column.Generation.NONE, "false"),
                col("preferred_name", "text"), col("region", "text", false, Column.Generation.NONE, null),
                col("percent", "numeric", true, Column.Generation.STORED, null));
        TableMapping m = SchemaMapping.map(List.of(), T, List.of(col("id", "bigint")), cert);
        assertThat(m.columns()).extracting(ColumnMapping::target, ColumnMapping::fill).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", Fill.COPY),
                org.assertj.core.groups.Tuple.tuple("is_virtual", Fill.DEFAULT),
                org.assertj.core.groups.Tuple.tuple("preferred_name", Fill.DEFAULT));
        assertThat(m.issues()).singleElement().satisfies(i -> {
            assertThat(i.error()).isTrue();
            assertThat(i.check()).isEqualTo("drift-required-column");
            assertThat(i.column()).isEqualTo("region");
        });
        TableMapping valued = SchemaMapping.map(List.of(new DriftRule(T, "region", DriftAction.DEFAULT, "'north'")), T,
                List.of(col("id", "bigint")), cert);
        assertThat(valued.issues()).isEmpty();
        assertThat(valued.column("region")).hasValueSatisfying(c -> {
            assertThat(c.fill()).isEqualTo(Fill.VALUE);
            assertThat(c.value()).isEqualTo("'north'");
            assertThat(c.loaded()).isTrue();
        });
        assertThat(valued.column("is_virtual")).hasValueSatisfying(c -> assertThat(c.loaded()).isFalse());
    }

    @Test
    void aVarcharOfTheSameLengthInBothStillHasItsLimitWatched() {
        // Anonymized values may be longer than PROD's: a state id becomes F- and its encryption.
        List<Column> prod = List.of(col("id", "bigint"), col("state_id", "character varying(12)"));
        Table cert = cert(col("id", "bigint"), col("state_id", "character varying(12)"));
        TableMapping m = SchemaMapping.map(List.of(), T, prod, cert);
        assertThat(m.issues()).isEmpty();
        assertThat(m.column("state_id")).hasValueSatisfying(c -> {
            assertThat(c.fill()).isEqualTo(Fill.COPY);
            assertThat(c.limit()).isEqualTo(12);
        });
        assertThat(m.column("id")).hasValueSatisfying(c -> assertThat(c.limit()).isZero());
    }

    @Test
    void aShorterVarcharIsAWarningWithItsLimitAndTruncateCutsToIt() {
        List<Column> prod = List.of(col("id", "bigint"), col("name", "character varying(200)"));
        Table cert = cert(col("id", "bigint"), col("name", "character varying(120)"));
        TableMapping checked = SchemaMapping.map(List.of(), T, prod, cert);
        assertThat(checked.loadable()).isTrue();
        assertThat(checked.issues()).singleElement().satisfies(i -> {
            assertThat(i.error()).isFalse();
            assertThat(i.check()).isEqualTo("drift-narrower");
        });
        assertThat(checked.column("name")).hasValueSatisfying(c -> {
            assertThat(c.fill()).isEqualTo(Fill.COPY);
            assertThat(c.limit()).isEqualTo(120);
        });
        TableMapping cut = SchemaMapping.map(List.of(new DriftRule(T, "name", DriftAction.TRUNCATE, null)), T, prod, cert);
        assertThat(cut.issues()).isEmpty();
        assertThat(cut.column("name")).hasValueSatisfying(c -> {
            assertThat(c.fill()).isEqualTo(Fill.TRUNCATE);
            assertThat(c.limit()).isEqualTo(120);
        });
    }

    @Test
    void aDifferentTypeNeedsACastRule() {
        List<Column> prod = List.of(col("id", "bigint"), col("code", "text"));
        Table cert = cert(col("id", "bigint"), col("code", "integer"));
        TableMapping without = SchemaMapping.map(List.of(), T, prod, cert);
        assertThat(without.issues()).singleElement().satisfies(i -> {
            assertThat(i.error()).isTrue();
            assertThat(i.check()).isEqualTo("drift-type");
            assertThat(i.message()).contains("action: cast");
        });
        TableMapping cast = SchemaMapping.map(List.of(new DriftRule(T, "code", DriftAction.CAST, null)), T, prod, cert);
        assertThat(cast.loadable()).isTrue();
        assertThat(cast.column("code")).hasValueSatisfying(c -> assertThat(c.fill()).isEqualTo(Fill.CAST));
    }

    @Test
    void aRuleThatDescribesNoDifferenceIsReported() {
        TableMapping m = SchemaMapping.map(List.of(new DriftRule(T, "id", DriftAction.DROP, null)), T,
                List.of(col("id", "bigint")), cert(col("id", "bigint")));
        assertThat(m.loadable()).isTrue();
        assertThat(m.issues()).singleElement().satisfies(i -> {
            assertThat(i.check()).isEqualTo("drift-rule-unused");
            assertThat(i.error()).isFalse();
        });
    }

    @Test
    void aMissingCertTableIsAnError() {
        TableMapping m = SchemaMapping.map(List.of(), T, List.of(col("id", "bigint")), null);
        assertThat(m.loadable()).isFalse();
        assertThat(m.issues()).extracting(MappingIssue::check).containsExactly("drift-missing-table");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "integer; bigint; FITS",
            "bigint; integer; NARROWER",
            "character varying(20); text; FITS",
            "text; character varying(20); NARROWER",
            "character varying(20); character varying(30); FITS",
            "numeric(10,2); numeric(12,2); FITS",
            "numeric(10,2); numeric(10,1); NARROWER",
            "integer; numeric(12,0); FITS",
            "numeric; numeric(12,2); NARROWER",
            "timestamp(3) with time zone; timestamp with time zone; FITS",
            "timestamp with time zone; timestamp(3) with time zone; NARROWER",
            "timestamp with time zone; timestamp without time zone; DIFFERENT",
            "text; uuid; DIFFERENT",
            "public.person_kind; public.person_kind; FITS"})
    void typeFit(String prod, String cert, TypeFit expected) {
        assertThat(TypeFit.of(prod, cert)).isEqualTo(expected);
    }
}
