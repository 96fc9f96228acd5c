package io.ferry.extractor.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;

/**
 * Neo4j property values as the text a graph batch holds (the column's {@code pgType} {@code neo4j:<Type>}
 * tells the loader what to turn it back into):
 * <ul>
 * <li>strings as they are; integers in decimal; floats as the shortest text that reads back to the same
 * double ({@code NaN}, {@code Infinity}, {@code -Infinity}, {@code -0.0}); booleans {@code true}/{@code false}
 * <li>temporal values in ISO-8601: {@code 2024-02-29}, {@code 2024-02-29T08:15:00}, {@code 08:15:00},
 * {@code 08:15:00+01:00}, {@code 2024-02-29T08:15:00+01:00} or {@code 2024-02-29T08:15:00+01:00[Europe/Paris]}
 * (seconds always, fractions only as far as needed), durations as {@code P{months}M{days}DT{seconds}S}
 * with Neo4j's four components kept apart ({@code P14M3DT-0.5S})
 * <li>points as JSON {@code {"srid":4326,"x":..,"y":..}} with {@code "z"} for 3D points
 * <li>byte arrays as {@code \x} and lower-case hex, like PostgreSQL's {@code bytea}
 * <li>lists and maps as JSON (map keys sorted), their elements encoded as above: strings as JSON strings,
 * numbers as JSON numbers (NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}), temporal values and byte arrays as JSON strings, points as objects
 * </ul>
 * The encoding is a pure function of the value, so the same graph gives the same batches.
 */
final class GraphValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private GraphValues() {
    }

    /** Why a value could not be encoded; names the Java type only, never the value. */
    static final class UnsupportedValueException extends IllegalArgumentException {
        UnsupportedValueException(Class<?> type) {
            super("a value of type " + type.getName() + " has no text form in graph batches");
        }
    }

    /** The text of a value as {@code Value.asObject()} returns it; {@code null} for a missing property. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        if (value instanceof Float f) {
            return Float.toString(f);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        String temporal = temporal(value);
        if (temporal != null) {
            return temporal;
        }
        return json(toJson(value));
    }

    /** ISO-8601 text of a temporal value, or null if {@code value} is not one. */
    private static String temporal(Object value) {
        if (value instanceof LocalDate d) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        if (value instanceof OffsetTime t) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format(t);
        }
        if (value instanceof ZonedDateTime t) {
            // The zone id in brackets only for a named zone: a DateTime with an offset prints as an offset.
            return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(t);
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof IsoDuration d) {
            return duration(d.months(), d.days(), d.seconds(), d.nanoseconds());
        }
        if (value instanceof java.time.Duration d) {
            return duration(0, 0, d.getSeconds(), d.getNano());
        }
        if (value instanceof java.time.Period p) {
            return duration(p.toTotalMonths(), p.getDays(), 0, 0);
        }
        return null;
    }

    /** {@code P{months}M{days}DT{seconds}S}; {@code nanos} (0 to 999,999,999) adds to {@code seconds}. */
    static String duration(long months, long days, long seconds, int nanos) {
        BigDecimal s = BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)).stripTrailingZeros();
        return "P" + months + "M" + days + "DT" + (s.signum() == 0 ? "0" : s.toPlainString()) + "S";
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Short s) {
            return NODES.numberNode(s);
        }
        if (value instanceof Byte b) {
            return NODES.numberNode(b);
        }
        if (value instanceof java.math.BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(Float.toString(f));
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(text(bytes));
        }
        if (value instanceof Point p) {
            ObjectNode point = NODES.objectNode();
            point.put("srid", p.srid());
            point.set("x", toJson(p.x()));
            point.set("y", toJson(p.y()));
            if (!Double.isNaN(p.z())) {
                point.set("z", toJson(p.z()));
            }
            return point;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof Object[] list) {
            return toJson(java.util.Arrays.asList(list));
        }
        if (value instanceof long[] || value instanceof double[] || value instanceof boolean[] || value instanceof int[]) {
            ArrayNode array = NODES.arrayNode();
            int n = java.lang.reflect.Array.getLength(value);
            for (int i = 0; i < n; i++) {
                array.add(toJson(java.lang.reflect.Array.get(value, i)));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sorted.forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        String temporal = temporal(value);
        if (temporal != null) {
            return NODES.textNode(temporal);
        }
        throw new UnsupportedValueException(value.getClass());
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
