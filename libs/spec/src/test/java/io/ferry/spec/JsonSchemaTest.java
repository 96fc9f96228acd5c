package io.ferry.spec;

import io.ferry.schema.mapping.DriftAction;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.spec.model.ApprovalGate;
import io.ferry.spec.model.Cast;
import io.ferry.spec.model.ConflictStrategy;
import io.ferry.spec.model.CrossTenantPolicy;
import io.ferry.spec.model.DanglingPolicy;
import io.ferry.spec.model.EdgePolicy;
import io.ferry.spec.model.Severity;
import io.ferry.spec.model.SpecEnum;
import io.ferry.spec.model.TableMode;
import io.ferry.spec.model.TriggerMode;
import io.ferry.spec.parse.Shape;
import io.ferry.spec.parse.Shapes;
import io.ferry.testkit.Datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Keeps docs/spec.schema.json honest: the keys and words it lists are exactly those the parser accepts. */
class JsonSchemaTest {

    private static final List<Class<? extends SpecEnum>> ENUMS = List.of(EdgePolicy.class, TableMode.class,
            CrossTenantPolicy.class, DanglingPolicy.class, Cast.class, ConflictStrategy.class, TriggerMode.class,
            Severity.class, ApprovalGate.class);

    private static JsonNode defs() throws IOException {
        return new ObjectMapper().readTree(Datasets.repoRoot().resolve("docs/spec.schema.json").toFile()).get("$defs");
    }

    @Test
    void everyMappingHasExactlyTheParsersKeys() throws IOException {
        JsonNode defs = defs();
        for (Shape shape : Shapes.ALL) {
            JsonNode def = defs.get(shape.name());
            assertThat(def).as("$defs." + shape.name()).isNotNull();
            assertThat(names(def.get("properties"))).as(shape.name() + " keys").containsExactlyElementsOf(shape.keys());
            Set<String> required = new HashSet<>();
            if (def.has("required")) {
                def.get("required").forEach(r -> required.add(r.asText()));
            }
            assertThat(required).as(shape.name() + " required").isEqualTo(shape.required());
            assertThat(def.get("additionalProperties").asBoolean(true)).as(shape.name() + " is closed").isFalse();
            def.get("properties").forEach(p -> assertThat(p.has("description") || p.has("$ref"))
                    .as("every key of " + shape.name() + " is described").isTrue());
        }
    }

    @Test
    void everyEnumHasExactlyTheParsersWords() throws IOException {
        JsonNode defs = defs();
        for (Class<? extends SpecEnum> type : ENUMS) {
            String name = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
            List<String> words = Arrays.stream(type.getEnumConstants()).map(SpecEnum::word).toList();
            List<String> listed = new ArrayList<>();
            defs.get(name).get("enum").forEach(w -> listed.add(w.asText()));
            assertThat(listed).as(name).isEqualTo(words);
        }
    }

    @Test
    void driftActionsAreTheMappingsWords() throws IOException {
        List<String> listed = new ArrayList<>();
        defs().get("driftAction").get("enum").forEach(w -> listed.add(w.asText()));
        assertThat(listed).isEqualTo(Arrays.stream(DriftAction.values()).map(DriftAction::word).toList());
    }

    @Test
    void theSchemaDefinesNothingTheParserDoesNotKnow() throws IOException {
        Set<String> known = new HashSet<>();
        Shapes.ALL.forEach(s -> known.add(s.name()));
        known.add("driftAction");
        ENUMS.forEach(e -> known.add(Character.toLowerCase(e.getSimpleName().charAt(0)) + e.getSimpleName().substring(1)));

        assertThat(names(defs())).containsExactlyInAnyOrderElementsOf(known);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
