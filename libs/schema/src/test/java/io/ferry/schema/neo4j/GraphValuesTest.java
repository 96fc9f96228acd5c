package io.ferry.schema.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;

/** The text a graph batch holds for each kind of Neo4j value, fed as the driver hands them over ({@code asObject}). */
class GraphValuesTest {

    /** As the extractor sees a property: through the driver's {@link Value}. */
    private static String text(Value v) {
        return GraphValues.text(v.asObject());
    }

    @Test
    void scalarsAreTheirPlainText() {
        assertThat(GraphValues.text(null)).isNull();
        assertThat(text(Values.NULL)).isNull();
        assertThat(text(Values.value("Zoë, \"quoted\"\n"))).isEqualTo("Zoë, \"quoted\"\n");
        assertThat(text(Values.value(""))).isEmpty();
        assertThat(text(Values.value(42L))).isEqualTo("42");
        assertThat(text(Values.value(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
        assertThat(text(Values.value(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(text(Values.value(true))).isEqualTo("true");
        assertThat(text(Values.value(false))).isEqualTo("false");
    }

    @Test
    void floatsReadBackToTheSameDouble() {
        for (double d : new double[] {0.1, 1.0 / 3, -0.0, 0.0, 1e300, 4.9e-324, Double.MAX_VALUE, 123456789.125, 1e21,
                Math.PI, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String s = text(Values.value(d));
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(s))).as("%s", s)
                    .isEqualTo(Double.doubleToRawLongBits(d));
        }
        assertThat(text(Values.value(Double.NaN))).isEqualTo("NaN");
        assertThat(text(Values.value(Double.POSITIVE_INFINITY))).isEqualTo("Infinity");
        assertThat(text(Values.value(Double.NEGATIVE_INFINITY))).isEqualTo("-Infinity");
        assertThat(text(Values.value(-0.0))).isEqualTo("-0.0");
        assertThat(text(Values.value(0.1))).isEqualTo("0.1");
    }

    @Test
    void temporalValuesAreIso8601WithSecondsAlwaysAndFractionsAsNeeded() {
        assertThat(text(Values.value(LocalDate.of(2024, 2, 29)))).isEqualTo("2024-02-29");
        assertThat(text(Values.value(LocalDate.of(-44, 3, 15)))).isEqualTo("-0044-03-15");
        assertThat(text(Values.value(LocalDate.of(10_000, 1, 1)))).isEqualTo("+10000-01-01");
        assertThat(text(Values.value(LocalDateTime.of(2024, 2, 29, 8, 15)))).isEqualTo("2024-02-29T08:15:00");
        assertThat(text(Values.value(LocalDateTime.of(2024, 2, 29, 8, 15, 0, 500_000_000))))
                .isEqualTo("2024-02-29T08:15:00.5");
        assertThat(text(Values.value(LocalTime.of(8, 15)))).isEqualTo("08:15:00");
        assertThat(text(Values.value(LocalTime.of(23, 59, 59, 1)))).isEqualTo("23:59:59.000000001");
        assertThat(text(Values.value(OffsetTime.of(8, 15, 0, 0, ZoneOffset.ofHours(1))))).isEqualTo("08:15:00+01:00");
        assertThat(text(Values.value(ZonedDateTime.of(2024, 7, 1, 8, 15, 30, 0, ZoneId.of("Europe/Paris")))))
                .isEqualTo("2024-07-01T08:15:30+02:00[Europe/Paris]");
        assertThat(text(Values.value(ZonedDateTime.of(2024, 7, 1, 8, 15, 30, 0, ZoneOffset.ofHours(-5)))))
                .isEqualTo("2024-07-01T08:15:30-05:00");
        assertThat(text(Values.value(ZonedDateTime.of(2024, 7, 1, 8, 15, 30, 120_000_000, ZoneOffset.UTC))))
                .isEqualTo("2024-07-01T08:15:30.12Z");
    }

    @Test
    void durationsKeepNeo4jsFourComponentsApart() {
        assertThat(text(Values.isoDuration(14, 16, 12, 1))).isEqualTo("P14M16DT12.000000001S");
        assertThat(text(Values.isoDuration(0, 0, 0, 0))).isEqualTo("P0M0DT0S");
        assertThat(text(Values.isoDuration(-2, 3, 90_061, 0))).isEqualTo("P-2M3DT90061S");
        // -0.5 s: the driver keeps nanoseconds positive (seconds -1, nanoseconds 500,000,000)
        assertThat(text(Values.isoDuration(0, 0, -1, 500_000_000))).isEqualTo("P0M0DT-0.5S");
        assertThat(GraphValues.text(java.time.Duration.ofMillis(1500))).isEqualTo("P0M0DT1.5S");
        assertThat(GraphValues.text(java.time.Period.of(1, 2, 3))).isEqualTo("P14M3DT0S");
    }

    @Test
    void pointsAreJsonWithSridAndCoordinates() {
        assertThat(text(Values.point(4326, 2.35, 48.85))).isEqualTo("{\"srid\":4326,\"x\":2.35,\"y\":48.85}");
        assertThat(text(Values.point(9157, 1, -2.5, 3e10))).isEqualTo("{\"srid\":9157,\"x\":1.0,\"y\":-2.5,\"z\":3.0E10}");
        assertThat(text(Values.point(7203, 0.1, 0.2))).isEqualTo("{\"srid\":7203,\"x\":0.1,\"y\":0.2}");
    }

    @Test
    void listsAreJsonArraysOfTheirElementsEncodings() {
        assertThat(text(Values.value(List.of("a", "b,c", "quote\"d", "")))).isEqualTo("[\"a\",\"b,c\",\"quote\\\"d\",\"\"]");
        assertThat(text(Values.value(new String[] {"x", "y"}))).isEqualTo("[\"x\",\"y\"]");
        assertThat(text(Values.value(List.of()))).isEqualTo("[]");
        assertThat(text(Values.value(new long[] {Long.MAX_VALUE, -1}))).isEqualTo("[9223372036854775807,-1]");
        assertThat(text(Values.value(new double[] {0.1, Double.NaN, Double.NEGATIVE_INFINITY, -0.0})))
                .isEqualTo("[0.1,\"NaN\",\"-Infinity\",-0.0]");
        assertThat(text(Values.value(new boolean[] {true, false}))).isEqualTo("[true,false]");
        assertThat(text(Values.value(List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2025, 3, 4)))))
                .isEqualTo("[\"2024-01-02\",\"2025-03-04\"]");
        assertThat(text(Values.value(List.of(Values.point(4326, 1, 2).asPoint()))))
                .isEqualTo("[{\"srid\":4326,\"x\":1.0,\"y\":2.0}]");
        assertThat(GraphValues.text(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
        // each double reads back exactly from the JSON text too
        String json = text(Values.value(new double[] {1.0 / 3, 1e-300}));
        assertThat(json).isEqualTo("[" + (1.0 / 3) + "," + 1e-300 + "]");
    }

    @Test
    void nestedMapsAreJsonObjectsWithSortedKeys() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", List.of("x", 2L));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("when", ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        outer.put("inner", inner);
        outer.put("big", Long.MIN_VALUE);
        outer.put("none", null);
        outer.put("bytes", new byte[] {0x0a, (byte) 0xff});
        assertThat(text(Values.value(outer))).isEqualTo("{\"big\":-9223372036854775808,\"bytes\":\"\\\\x0aff\","
                + "\"inner\":{\"a\":[\"x\",2],\"z\":1},\"none\":null,\"when\":\"2024-01-01T00:00:00Z\"}");
        // insertion order does not matter
        Map<String, Object> reversed = new LinkedHashMap<>();
        List.of("none", "bytes", "big", "inner", "when").forEach(k -> reversed.put(k, outer.get(k)));
        assertThat(text(Values.value(reversed))).isEqualTo(text(Values.value(outer)));
    }

    @Test
    void byteArraysAreHexLikeBytea() {
        assertThat(text(Values.value(new byte[] {0, 1, (byte) 0xab}))).isEqualTo("\\x0001ab");
        assertThat(text(Values.value(new byte[0]))).isEqualTo("\\x");
    }

    @Test
    void anUnknownTypeFailsNamingTheTypeOnly() {
        assertThatThrownBy(() -> GraphValues.text(List.of(new StringBuilder("secret"))))
                .isInstanceOf(GraphValues.UnsupportedValueException.class)
                .hasMessageContaining("java.lang.StringBuilder").hasMessageNotContaining("secret");
    }

    /** Every type reads back from its text to a value whose text is the same, the loader's side of the format. */
    @Test
    void everyTypeReadsBackToTheSameText() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("String", "Zoë, \"quoted\"\n");
        samples.put("Long", Long.MIN_VALUE);
        samples.put("Double", -0.0);
        samples.put("Boolean", false);
        samples.put("Date", LocalDate.of(-44, 3, 15));
        samples.put("LocalDateTime", LocalDateTime.of(2024, 2, 29, 8, 15, 0, 120_000_000));
        samples.put("LocalTime", LocalTime.of(8, 15));
        samples.put("Time", OffsetTime.of(8, 15, 0, 0, ZoneOffset.ofHours(1)));
        samples.put("DateTime", ZonedDateTime.of(2024, 2, 29, 8, 15, 0, 0, ZoneId.of("Europe/Paris")));
        samples.put("Duration", Values.isoDuration(14, 3, -1, 500_000_000).asObject());
        samples.put("Point", Values.point(4326, 1.5, Double.NaN).asObject());
        samples.put("ByteArray", new byte[] {0, 1, (byte) 0xab});
        samples.put("StringArray", Arrays.asList("a", null, "c"));
        samples.put("LongArray", List.of(1L, -2L));
        samples.put("DoubleArray", List.of(Double.NaN, Double.NEGATIVE_INFINITY, 0.1));
        samples.put("DateArray", List.of(LocalDate.of(2024, 2, 29)));
        samples.put("PointArray", List.of(Values.point(7203, 1, 2, 3).asObject()));
        samples.forEach((type, value) -> {
            String text = GraphValues.text(value);
            Object read = GraphValues.value(text, GraphValues.TYPE_PREFIX + type);
            assertThat(GraphValues.text(read)).as(type).isEqualTo(text);
        });
        assertThat(GraphValues.value("12", "neo4j:Long")).isEqualTo(12L);
        assertThat(GraphValues.value("12", "neo4j:Any")).isEqualTo("12");
        assertThat(GraphValues.value(null, "neo4j:Long")).isNull();
    }

    @Test
    void aTextThatDoesNotReadAsItsTypeFailsNamingTheTypeOnly() {
        assertThatThrownBy(() -> GraphValues.value("secret", "neo4j:Date"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neo4j:Date").hasMessageNotContaining("secret");
    }
}
