package io.ferry.schema.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.StoreSchema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small hand-written schema with every catalog feature the introspector folds or maps. */
class PostgresIntrospectorIT {

    static final String DDL = """
            CREATE SCHEMA app;
            CREATE TABLE app.parent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text NOT NULL,
                region int NOT NULL, UNIQUE (code, region), doubled bigint GENERATED ALWAYS AS (id * 2) STORED,
                label text DEFAULT 'x' CHECK (label <> ''));
            CREATE UNIQUE INDEX parent_label_idx ON app.parent (label);
            CREATE UNIQUE INDEX parent_partial_idx ON app.parent (label) WHERE label IS NOT NULL;
            CREATE TABLE app.event (id bigint NOT NULL, at date NOT NULL, parent_id bigint, code text NOT NULL,
                region int NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE app.event_2025 PARTITION OF app.event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            ALTER TABLE app.event_2024 ADD CONSTRAINT event_2024_parent_fkey FOREIGN KEY (parent_id) REFERENCES app.parent (id);
            ALTER TABLE app.event_2025 ADD CONSTRAINT event_2025_parent_fkey FOREIGN KEY (parent_id) REFERENCES app.parent (id);
            ALTER TABLE app.event ADD CONSTRAINT event_code_fkey FOREIGN KEY (code, region) REFERENCES app.parent (code, region)
                DEFERRABLE INITIALLY DEFERRED;
            CREATE TABLE app."MixedCase" ("Id" int PRIMARY KEY, "parentId" bigint NOT NULL REFERENCES app.parent (id),
                self_id int REFERENCES app."MixedCase" ("Id"));
            CREATE TABLE app.nokey (v text, n int CHECK (n > 0));
            CREATE TABLE app.legacy (id int PRIMARY KEY);
            CREATE TABLE app.legacy_child (extra text) INHERITS (app.legacy);
            CREATE TABLE other.ignored (id int);
            INSERT INTO app.parent (code, region) VALUES ('a', 1);
            INSERT INTO app.event VALUES (1, '2024-05-01', 1, 'a', 1), (2, '2025-05-01', 1, 'a', 1);
            ANALYZE;
            """;

    static StoreSchema schema;

    @BeforeAll
    static void create() throws Exception {
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase("introspect_small");
        try (Connection c = pg.connect("introspect_small")) {
            SqlScriptRunner.run(c, "CREATE SCHEMA other;\n" + DDL, "small.sql");
            schema = new PostgresIntrospector().introspect(c, "small", List.of("app"));
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    Table table(String name) {
        return schema.table(new TableId("small", "app", name)).orElseThrow();
    }

    @Test
    void foldsPartitionsAndKeepsInheritanceChildren() {
        assertThat(schema.tables()).extracting(t -> t.id().name())
                .containsExactly("MixedCase", "event", "legacy", "legacy_child", "nokey", "parent");
        Table event = table("event");
        assertThat(event.kind()).isEqualTo(TableKind.PARTITIONED);
        assertThat(event.partitions()).containsExactly("app.event_2024", "app.event_2025");
        assertThat(event.rowEstimate()).isEqualTo(2);
        assertThat(event.bytes()).isPositive();
        assertThat(event.primaryKey().columns()).containsExactly("id", "at");
    }

    @Test
    void mapsColumnsKeysAndChecks() {
        Table parent = table("parent");
        assertThat(parent.column("id").orElseThrow().generation()).isEqualTo(Column.Generation.IDENTITY_ALWAYS);
        assertThat(parent.column("doubled").orElseThrow().generation()).isEqualTo(Column.Generation.STORED);
        assertThat(parent.column("label").orElseThrow().defaultExpression()).isEqualTo("'x'::text");
        assertThat(parent.column("code").orElseThrow().type()).isEqualTo("text");
        assertThat(parent.uniqueKeys()).extracting(k -> k.name() + k.columns())
                .containsExactly("parent_code_region_key[code, region]", "parent_label_idx[label]");
        assertThat(parent.checks()).singleElement().satisfies(c -> assertThat(c.expression()).contains("label <> ''"));
        assertThat(table("nokey").primaryKey()).isNull();
        assertThat(table("nokey").rowEstimate()).isZero();
        assertThat(table("legacy_child").columns()).extracting(Column::name).containsExactly("id", "extra");
    }

    @Test
    void readsReferencesOncePerShape() {
        assertThat(schema.references()).extracting(r -> r.name() + " " + r.origin() + " " + r.nullable() + " " + r.deferrable())
                .containsExactly(
                        "MixedCase_parentId_fkey FOREIGN_KEY false false",
                        "MixedCase_self_id_fkey FOREIGN_KEY true false",
                        "event_2024_parent_fkey PARTITION_FOREIGN_KEY true false",
                        "event_code_fkey FOREIGN_KEY false true");
        Reference composite = schema.references().get(3);
        assertThat(composite.fromColumns()).containsExactly("code", "region");
        assertThat(composite.toColumns()).containsExactly("code", "region");
        assertThat(schema.references().get(2).from().name()).isEqualTo("event");
        assertThat(schema.references().get(1).selfReference()).isTrue();
    }

    @Test
    void fingerprintIsStableAndIgnoresVolumes() throws Exception {
        try (Connection c = SharedServers.postgres().connect("introspect_small")) {
            c.createStatement().execute("INSERT INTO app.nokey VALUES ('a', 1); ANALYZE app.nokey");
            StoreSchema again = new PostgresIntrospector().introspect(c, "small", List.of("app"));
            assertThat(again.fingerprint()).isEqualTo(schema.fingerprint()).hasSize(64);
            c.createStatement().execute("ALTER TABLE app.nokey ADD COLUMN w int");
            assertThat(new PostgresIntrospector().introspect(c, "small", List.of("app")).fingerprint())
                    .isNotEqualTo(schema.fingerprint());
        }
    }
}
