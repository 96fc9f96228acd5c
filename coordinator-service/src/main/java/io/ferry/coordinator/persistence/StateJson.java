package io.ferry.coordinator.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.ferry.contracts.Json;
import io.ferry.contracts.messages.MessageTypes;
import io.ferry.coordinator.saga.Pending;
import io.ferry.coordinator.saga.RunState;
import java.io.IOException;
import java.util.UUID;

/**
 * A run's state as the JSON the {@code run} row keeps. A pending command's message is stored with its topic,
 * which names its type ({@link MessageTypes}), so the saga's types carry no JSON annotations.
 */
final class StateJson {

    private static final ObjectMapper MAPPER = Json.newMapper().registerModule(new SimpleModule("ferry-run-state")
            .addSerializer(Pending.class, new PendingWriter())
            .addDeserializer(Pending.class, new PendingReader()));

    private StateJson() {
    }

    static String write(RunState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + state.runId() + ": its state does not write as JSON", e);
        }
    }

    static RunState read(String runId, String json) {
        try {
            return MAPPER.readValue(json, RunState.class);
        } catch (JsonProcessingException e) {
            // The location only: the parser's message may quote the stored values.
            throw new IllegalStateException("run " + runId + ": its stored state does not read (at "
                    + e.getLocation() + ")", e);
        }
    }

    private static final class PendingWriter extends JsonSerializer<Pending> {
        @Override
        public void serialize(Pending p, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("commandId", p.commandId());
            out.writeStringField("topic", CommandTopics.of(p.message()));
            out.writeNumberField("attempt", p.attempt());
            out.writeStringField("causationId", p.causationId() == null ? null : p.causationId().toString());
            out.writeFieldName("message");
            provider.defaultSerializeValue(p.message(), out);
            out.writeEndObject();
        }
    }

    private static final class PendingReader extends JsonDeserializer<Pending> {
        @Override
        public Pending deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode node = context.readTree(in);
            String causation = node.path("causationId").asText(null);
            return new Pending(node.get("commandId").asText(), MAPPER.treeToValue(node.get("message"),
                    MessageTypes.forTopic(node.get("topic").asText())), node.get("attempt").asInt(),
                    causation == null ? null : UUID.fromString(causation));
        }
    }
}
