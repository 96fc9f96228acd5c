package io.ferry.schema.neo4j;

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
import org.neo4j.driver.Values;
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
 * The encoding is a pure function of the value, so the same graph gives the same batches. {@link #value} reads
 * the text back, given the column's Neo4j type, for the loader to write into a graph.
 */
public final class GraphValues {

    /** The {@code pgType} prefix of a graph batch column: {@code neo4j:<Type>}, the type introspection found. */
    public static final String TYPE_PREFIX = "neo4j:";
    /** The column of a label batch that holds all labels of each node, as a JSON list of strings, sorted. */
    public static final String LABELS_COLUMN = "_labels";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private GraphValues() {
    }

    /** Why a value could not be encoded; names the Java type only, never the value. */
    public static final class UnsupportedValueException extends IllegalArgumentException {
        UnsupportedValueException(Class<?> type) {
            super("a value of type " + type.getName() + " has no text form in graph batches");
        }
    }

    /** The text of a value as {@code Value.asObject()} returns it; {@code null} for a missing property. */
    public static String text(Object value) {
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
    public static String duration(long months, long days, long seconds, int nanos) {
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

    /**
     * The value a batch text stands for, as the Neo4j driver takes it as a parameter, given the column's type
     * ({@code neo4j:Long}, {@code neo4j:DateArray}, ...; {@link #text} of the result is {@code text} again). A
     * column of several or unknown types ({@code neo4j:Any}) cannot be told apart from text and stays a string.
     *
     * @throws IllegalArgumentException naming the type, never the value, when the text does not read as it
     */
    public static Object value(String text, String type) {
        if (text == null) {
            return null;
        }
        String name = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        try {
            if (name.endsWith("Array") && !name.equals("ByteArray")) {
                String element = name.substring(0, name.length() - "Array".length());
                List<Object> list = new java.util.ArrayList<>();
                for (JsonNode node : JSON.readTree(text)) {
                    list.add(node.isNull() ? null : scalar(node.isTextual() ? node.asText() : node.toString(), element));
                }
                return list;
            }
            return scalar(text, name);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("a graph batch value does not read as " + TYPE_PREFIX + name
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Object scalar(String text, String type) throws JsonProcessingException {
        return switch (type) {
            case "Long", "Integer" -> Long.parseLong(text);
            case "Double", "Float" -> Double.parseDouble(text);
            case "Boolean" -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case "Date" -> LocalDate.parse(text);
            case "LocalDateTime" -> LocalDateTime.parse(text);
            case "LocalTime" -> LocalTime.parse(text);
            case "Time" -> OffsetTime.parse(text);
            case "DateTime" -> ZonedDateTime.parse(text);
            case "Duration" -> isoDuration(text);
            case "Point" -> point(JSON.readTree(text));
            case "ByteArray" -> HexFormat.of().parseHex(text.substring(2));
            default -> text;
        };
    }

    /** {@code P{months}M{days}DT{seconds}S} as {@link #duration} writes it. */
    private static IsoDuration isoDuration(String text) {
        int m = text.indexOf('M');
        int d = text.indexOf("DT");
        BigDecimal seconds = new BigDecimal(text.substring(d + 2, text.length() - 1));
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        return Values.isoDuration(Long.parseLong(text.substring(1, m)), Long.parseLong(text.substring(m + 1, d)),
                whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValueExact()).asIsoDuration();
    }

    private static Point point(JsonNode json) {
        int srid = json.get("srid").asInt();
        double x = number(json.get("x"));
        double y = number(json.get("y"));
        return (json.has("z") ? Values.point(srid, x, y, number(json.get("z"))) : Values.point(srid, x, y)).asPoint();
    }

    /** A JSON number, or NaN and the infinities as the strings {@link #text} writes for them. */
    private static double number(JsonNode node) {
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
