package io.ferry.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.spec.SpecError;
import io.ferry.spec.Specs;
import io.ferry.spec.model.Spec;
import io.ferry.testkit.Datasets;
import io.ferry.testkit.NorthwindGraph;
import io.ferry.testkit.SharedServers;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.ferry.testkit.postgres.SqlScriptRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example specs fit the live schemas of the datasets they are written for. */
class ExampleSpecsIT {

    @BeforeEach
    void needsDatasets() {
        Assumptions.assumeTrue(Datasets.root().isPresent(), Datasets.missingMessage());
    }

    private static StoreSchema postgres(String store, Path script) throws Exception {
        PostgresServer pg = SharedServers.postgres();
        pg.createDatabase("spec_" + store);
        try (Connection c = pg.connect("spec_" + store)) {
            SqlScriptRunner.run(c, script);
            return new PostgresIntrospector().introspect(c, store, List.of("public"));
        }
    }

    private static Spec spec(String name) throws Exception {
        return Specs.parseResolvable(Files.readString(Datasets.repoRoot().resolve("specs").resolve(name)
                .resolve("ferry.yaml")));
    }

    @Test
    void pagilaSpecFitsPagila() throws Exception {
        EstateSchema schema = new EstateSchema(List.of(postgres("pagila",
                Datasets.root().get().resolve("pagila/pagila.sql"))), List.of());

        assertThat(SpecChecker.check(spec("pagila"), schema)).extracting(SpecError::toString).isEmpty();
    }

    @Test
    void northwindSpecFitsNorthwindAndItsGraph() throws Exception {
        StoreSchema nw = postgres("nw", Datasets.root().get().resolve("northwind/northwind-postgres.sql"));
        try (Neo4jServer neo4j = NorthwindGraph.start(Datasets.root().get().resolve("northwind"))) {
            StoreSchema graph = new Neo4jIntrospector().introspect(neo4j.driver(), "graph");
            EstateSchema schema = new EstateSchema(List.of(nw, graph), List.of());

            assertThat(SpecChecker.check(spec("northwind"), schema)).extracting(SpecError::toString).isEmpty();
            assertThat(SpecChecker.check(Specs.parseResolvable(Files.readString(Datasets.repoRoot()
                    .resolve("specs/northwind/ferry.yaml")).replace(", cast: text}", "}")), schema))
                    .extracting(SpecError::toString).anySatisfy(e -> assertThat(e).contains("add cast: text"));
        }
    }
}
