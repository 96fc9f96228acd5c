package io.ferry.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.SpecError;
import io.ferry.spec.Specs;
import io.ferry.spec.model.Spec;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpecCheckerTest {

    private static final TableId DISTRICT = new TableId("ids", "public", "district");
    private static final TableId SCHOOL = new TableId("ids", "public", "school");
    private static final TableId PERSON = new TableId("ids", "public", "person");
    private static final TableId EVENT = new TableId("adb", "public", "event");
    private static final TableId GRAPH_PERSON = new TableId("sp", TableId.LABELS, "Person");

    private static final EstateSchema SCHEMA = new EstateSchema(List.of(
            new StoreSchema("ids", StoreKind.POSTGRES, List.of(
                    table(DISTRICT, TableKind.TABLE, List.of(Key(List.of("code"), false)), col("id", "bigint", false),
                            col("code", "text", false), col("name", "text", true)),
                    table(SCHOOL, TableKind.TABLE, List.of(), col("id", "bigint", false),
                            col("district_id", "bigint", false)),
                    table(PERSON, TableKind.TABLE, List.of(), col("id", "bigint", false),
                            col("school_id", "bigint", true), col("district_id", "bigint", false))),
                    List.of(fk(SCHOOL, "district_id", DISTRICT), fk(PERSON, "school_id", SCHOOL),
                            fk(PERSON, "district_id", DISTRICT)), "f1"),
            new StoreSchema("adb", StoreKind.POSTGRES, List.of(
                    table(EVENT, TableKind.TABLE, List.of(), col("id", "bigint", false), col("payload", "jsonb", true),
                            col("district_id", "bigint", false))), List.of(), "f2"),
            new StoreSchema("sp", StoreKind.NEO4J, List.of(
                    table(GRAPH_PERSON, TableKind.LABEL, List.of(), col("personId", "String", false)),
                    table(new TableId("sp", TableId.RELATIONSHIPS, "TEACHES"), TableKind.RELATIONSHIP, List.of())),
                    List.of(), "f3")), List.of());

    private static final String VALID = """
            version: 1
            stores:
              ids: {kind: postgres, prod: {url: u}, cert: {url: u}}
              adb: {kind: postgres, prod: {url: u}, cert: {url: u}}
              sp: {kind: neo4j, prod: {url: u}, cert: {url: u}}
            tenant: {store: ids, table: public.district, key: [code]}
            links:
              - {from: "adb.public.event(district_id)", to: "ids.public.district(id)"}
              - {from: "adb.public.event(payload->'$.personId')", to: "ids.public.person(id)", dangling: drop}
              - {from: "sp:Person(personId)", to: "ids.public.person(id)", cast: text}
            closure:
              graph: {roots: "sp:Person(personId)", follow: [TEACHES]}
              edges: {"ids.public.person(school_id)": nullify, "adb.public.event(district_id)": parents-only}
              tables:
                ids.public.school: {owner: ["ids.public.school(district_id)"], limit: 100}
            validate:
              rules: [{table: ids.public.person, check: "id > 0"}]
            load: {keys: {ids.public.person: remap}}
            """;

    private static List<String> check(String text) {
        Spec spec = Specs.parse(text);
        return SpecChecker.check(spec, SCHEMA).stream().map(SpecError::toString).toList();
    }

    @Test
    void aSpecThatFitsTheSchemaHasNoErrors() {
        assertThat(check(VALID)).isEmpty();
    }

    @Test
    void aMisspeltTableIsNamedWithItsLocationAndTheClosestTable() {
        assertThat(check(VALID.replace("to: \"ids.public.person(id)\", dangling", "to: \"ids.public.persn(id)\", dangling")))
                .containsExactly("ferry.yaml:9:55: links[1].to: no table ids.public.persn in store ids; "
                        + "did you mean person?");
    }

    @Test
    void aCountTableMustExist() {
        assertThat(check(VALID + "districts: {counts: {schools: {table: ids.public.schol}}}\n")).containsExactly(
                "ferry.yaml:19:32: districts.counts.schools.table: no table ids.public.schol in store ids; "
                        + "did you mean school?");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThat(check(VALID.replace("event(district_id)\", to", "event(distrct_id)\", to")))
                .contains("ferry.yaml:8:6: links[0].from: no column distrct_id in adb.public.event; "
                        + "did you mean district_id?");
    }

    @Test
    void theTenantKeyMustBeUnique() {
        assertThat(check(VALID.replace("key: [code]", "key: [name]"))).singleElement().asString()
                .startsWith("ferry.yaml:6:46: tenant.key: (name) is neither the primary key nor a unique key");
    }

    @Test
    void anEdgeMustNameARealReference() {
        assertThat(check(VALID.replace("\"ids.public.person(school_id)\": nullify", "\"ids.public.person(id)\": stop")))
                .singleElement().asString().startsWith("ferry.yaml:13:11: closure.edges.\"ids.public.person(id)\": no "
                        + "foreign key or link of ids.public.person has the referencing columns id; its references: "
                        + "ids.public.person(school_id), ids.public.person(district_id)");
    }

    @Test
    void aNotNullEdgeCannotBeNullified() {
        assertThat(check(VALID.replace("\"ids.public.person(school_id)\": nullify",
                "\"ids.public.person(district_id)\": nullify"))).singleElement().asString()
                .contains("district_id is NOT NULL, so the edge cannot be nullified");
    }

    @Test
    void differentTypesNeedACast() {
        assertThat(check(VALID.replace(", cast: text", ""))).containsExactly("ferry.yaml:10:5: links[2]: personId is "
                + "String but id is bigint; add cast: text (or cast: integer) to compare them");
    }

    @Test
    void anOwnerPathMustEndAtTheTenant() {
        assertThat(check(VALID.replace("[\"ids.public.school(district_id)\"]", "[\"ids.public.person(school_id)\"]")))
                .singleElement().asString().contains("closure.tables.\"ids.public.school\".owner[0]: the ownership path "
                        + "continues from ids.public.school, not ids.public.person");
    }

    @Test
    void graphRelationshipTypesMustExist() {
        assertThat(check(VALID.replace("follow: [TEACHES]", "follow: [TEACHE]"))).containsExactly(
                "ferry.yaml:12:50: closure.graph.follow[0]: no relationship type TEACHE in sp; did you mean TEACHES?");
    }

    @Test
    void linksBecomeReferencesWithTheirOrigin() {
        List<Reference> references = Specs.parse(VALID).specReferences(SCHEMA);

        assertThat(references).extracting(Reference::origin).containsExactly(Reference.Origin.LINK,
                Reference.Origin.JSON_PATH, Reference.Origin.LINK);
        assertThat(references.get(0).nullable()).isFalse();
        assertThat(references.get(1).jsonPath()).isEqualTo("$.personId");
        assertThat(references.get(1).nullable()).isTrue();
    }

    private static Key Key(List<String> columns, boolean primary) {
        return new Key(primary ? "pk" : "uk_" + String.join("_", columns), columns, primary);
    }

    private static Column col(String name, String type, boolean nullable) {
        return new Column(name, 0, type, nullable, Column.Generation.NONE, null);
    }

    private static Table table(TableId id, TableKind kind, List<Key> unique, Column... columns) {
        Key primary = kind == TableKind.TABLE ? Key(List.of("id"), true) : null;
        return new Table(id, kind, List.of(columns), primary, unique, List.of(), List.of(), -1, -1);
    }

    private static Reference fk(TableId from, String column, TableId to) {
        return new Reference(from.name() + "_" + column + "_fkey", from, List.of(column), to, List.of("id"),
                from.equals(PERSON) && column.equals("school_id"), false, Reference.Origin.FOREIGN_KEY, null);
    }
}
