package io.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON on the wire, configured once for every service:
 * <ul>
 *   <li>times are ISO-8601 strings ({@code 2026-11-21T06:00:00Z}), never epoch numbers;</li>
 *   <li>unknown properties are ignored, so producers can add fields before consumers know them;</li>
 *   <li>absent optional fields are written as {@code null}, absent collections as {@code []} or
 *       {@code {}} (the records never hold null collections);</li>
 *   <li>a missing or {@code null} number or flag reads as 0 or false, and the record's constructor
 *       decides whether that is allowed; so a message written before a field was added still
 *       reads;</li>
 *   <li>map entries are written sorted by key, so the same message always gives the same bytes.</li>
 * </ul>
 * Read and write failures become {@link MessageFormatException}s that name the class and JSON path
 * but never echo a value: messages may be logged and dead-lettered, payloads must not be.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /** A fresh mapper with Ferry's settings, for frameworks that want their own instance. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(Include.ALWAYS, Include.ALWAYS))
                .build();
    }

    public static String toJson(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw writeFailure(message, e);
        }
    }

    public static byte[] toBytes(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw writeFailure(message, e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MessageFormatException("cannot read " + type.getSimpleName() + problem(e), e);
        }
    }

    private static MessageFormatException writeFailure(Object message, JsonProcessingException e) {
        return new MessageFormatException("cannot write " + message.getClass().getSimpleName() + problem(e), e);
    }

    /** " at $.path: what went wrong", from the exception's structure rather than its message. */
    private static String problem(IOException e) {
        if (e instanceof JsonParseException parse) {
            var location = parse.getLocation();
            return ": malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return ": " + e.getClass().getSimpleName();
        }
        String at = " at " + path(mapping);
        if (mapping.getCause() instanceof ContractViolation violation) {
            return at + ": " + violation.getMessage();
        }
        if (mapping instanceof MismatchedInputException input && input.getTargetType() != null) {
            return at + ": not a valid " + input.getTargetType().getSimpleName();
        }
        return at + ": " + mapping.getClass().getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
