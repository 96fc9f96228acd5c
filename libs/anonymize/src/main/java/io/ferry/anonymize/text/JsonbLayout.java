package io.ferry.anonymize.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Writes JSON laid out as PostgreSQL prints a {@code jsonb} value: {@code {"a": 1, "b": [1, 2]}}, one space after
 * each colon and comma, none elsewhere, {@code {}} and {@code []} when empty. A rewritten JSON value then reads back
 * from CERT as the very text the batch holds, so the loader's read-back checksum and verify's column checksums match
 * (Jackson's compact form, {@code {"a":1}}, would not). Key order is the input's, which PROD's jsonb already sorted.
 */
final class JsonbLayout implements PrettyPrinter {
    static final JsonbLayout INSTANCE = new JsonbLayout();

    private JsonbLayout() {
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(' ');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        // nothing between '[' and the first value
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
        // nothing between '{' and the first key
    }
}
