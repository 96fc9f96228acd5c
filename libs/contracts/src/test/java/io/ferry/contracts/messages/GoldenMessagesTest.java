package io.ferry.contracts.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.contracts.Json;
import io.ferry.contracts.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: every message type has a golden JSON file that the records must write and
 * read exactly. A change to a golden file is a change to the contract between services.
 */
class GoldenMessagesTest {

    static Stream<Arguments> samples() {
        return Samples.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @BeforeAll
    static void rewriteGoldenFilesWhenAsked() {
        if (GoldenFiles.UPDATE) {
            Samples.all().forEach(GoldenFiles::write);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesTheGoldenJson(String name, Message sample) throws Exception {
        JsonNode written = Json.newMapper().readTree(Json.toJson(sample));

        assertThat(written).as("%s as JSON", name).isEqualTo(GoldenFiles.tree(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsTheGoldenJsonBackToTheSample(String name, Message sample) {
        Message read = Json.fromJson(GoldenFiles.read(name), sample.getClass());

        assertThat(read).isEqualTo(sample);
    }

    @Test
    void everyTopicCarriesAMessageTypeWithAGoldenFile() {
        Map<String, Message> samples = Samples.all();
        for (String topic : Topics.all()) {
            Class<? extends Message> type = MessageTypes.forTopic(topic);

            assertThat(type).as("type of %s", topic).isNotNull();
            assertThat(samples.get(type.getSimpleName())).as("sample of %s", type.getSimpleName()).isInstanceOf(type);
            assertThat(GoldenFiles.exists(type.getSimpleName())).as("golden file of %s", type.getSimpleName()).isTrue();
        }
    }

    @Test
    void everyMessageTypeIsCarriedByATopic() {
        List<Class<?>> carried = Topics.all().stream().<Class<?>>map(MessageTypes::forTopic).toList();

        assertThat(Arrays.asList(Message.class.getPermittedSubclasses())).hasSize(19)
                .allSatisfy(type -> assertThat(carried).contains(type));
    }

    @Test
    void deadLetterTopicsCarryTheirTopicsType() {
        assertThat(MessageTypes.forTopic(Topics.dlq(Topics.BATCHES_ANONYMIZED))).isEqualTo(BatchManifest.class);
        assertThat(MessageTypes.forTopic(Topics.dlq(Topics.RUNS))).isEqualTo(RunStatusChanged.class);
    }

    @Test
    void progressAndRunsCarryExactlyTheFieldsOfTheDesign() {
        assertThat(fieldNames(GoldenFiles.tree("Progress")))
                .containsExactlyInAnyOrder(
                        "runId", "phase", "store", "table", "rowsDone", "rowsTotal", "rowsPerSec", "at");
        assertThat(fieldNames(GoldenFiles.tree("RunStatusChanged")))
                .containsExactlyInAnyOrder("runId", "district", "status", "previousStatus", "reason", "at");
    }

    @Test
    void findingsHaveTheRunReportsFields() {
        JsonNode finding = GoldenFiles.tree("ValidateResult").get("findings").get(0);

        assertThat(fieldNames(finding)).contains("check", "store", "table", "column", "count", "examples");
    }

    @Test
    void unknownFieldsAreIgnoredOnRead() {
        ObjectNode json = (ObjectNode) GoldenFiles.tree("ValidateResult");
        json.put("addedInALaterMinor", "ignored");
        json.putObject("anotherNewBlock").put("nested", 1);
        ((ObjectNode) json.get("findings").get(0)).putArray("newListField").add("x");

        ValidateResult read = Json.fromJson(json.toString(), ValidateResult.class);

        assertThat(read).isEqualTo(Samples.all().get("ValidateResult"));
    }

    @Test
    void timesAreIsoStringsOnTheWire() {
        JsonNode progress = GoldenFiles.tree("Progress");

        assertThat(progress.get("at").isTextual()).isTrue();
        assertThat(progress.get("at").asText()).isEqualTo("2026-11-21T06:01:12.250Z");
    }

    @Test
    void keysFollowTheTopicConventions() {
        Map<String, Message> samples = Samples.all();

        assertThat(samples.get("PreflightRequest").key()).isEqualTo("mig-20261121060000-001");
        assertThat(samples.get("ExtractRequest").key()).isEqualTo("mig-20261121060000-001/hcp1");
        assertThat(samples.get("ExtractResult").key()).isEqualTo("mig-20261121060000-001/hcp1");
        assertThat(samples.get("BatchManifest").key()).isEqualTo("mig-20261121060000-001/extract/ids/public.person/0");
        assertThat(samples.get("LoadRequest").key()).isEqualTo("mig-20261121060000-001");
        assertThat(samples.get("CatalogResult").key()).isEqualTo("cat-3c9a1e");
        assertThat(samples.get("RunStatusChanged").key()).isEqualTo("mig-20261121060000-001");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
