package io.ferry.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.TableId;
import io.ferry.spec.model.Cast;
import io.ferry.spec.model.Spec;
import io.ferry.testkit.Datasets;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

/** The example specs in {@code specs/} parse as written. */
class ExampleSpecsTest {

    private static Spec parse(String name) throws IOException {
        String text = Files.readString(Datasets.repoRoot().resolve("specs").resolve(name).resolve("ferry.yaml"));
        return Specs.parseResolvable(text);
    }

    @Test
    void pagilaParses() throws IOException {
        Spec spec = parse("pagila");

        assertThat(spec.tenant().table()).isEqualTo(new TableId("pagila", "public", "store"));
        assertThat(spec.closure().tables().values()).hasSize(6);
    }

    @Test
    void northwindParsesWithItsGraphStoreAndCasts() throws IOException {
        Spec spec = parse("northwind");

        assertThat(spec.stores().get("graph").kind()).isEqualTo(StoreKind.NEO4J);
        assertThat(spec.links()).filteredOn(l -> l.cast() == Cast.TEXT).hasSize(5);
        assertThat(spec.links().get(5).from().table()).isEqualTo(new TableId("graph", TableId.RELATIONSHIPS, "ORDERS"));
    }
}
