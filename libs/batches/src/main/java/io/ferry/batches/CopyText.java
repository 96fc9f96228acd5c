package io.ferry.batches;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's {@code COPY} text format (default delimiter tab, null marker {@code \N}, UTF-8), one
 * row at a time: {@link #decodeRow} reads what {@code COPY (SELECT ...) TO STDOUT} sends, {@link
 * #encodeRow} writes what {@code COPY ... FROM STDIN} reads. Decoding follows the server's own
 * parser ({@code CopyReadAttributesText}): the null marker is recognized on the raw field before any
 * escape is decoded, a backslash escapes the byte after it (so {@code \<tab>} is a literal tab, not
 * a separator), and escapes decode to bytes, which are then read as UTF-8 (so {@code \303\251} is
 * one {@code é}).
 *
 * <p>This is the extraction and load hot path: a field without a backslash becomes a {@link String}
 * straight from the input bytes, and a row allocates at most one scratch buffer besides its
 * strings; {@link #forEachField} hands the fields' bytes over without making strings at all.
 */
public final class CopyText {

    /** Escape letter for each ASCII character that must be escaped on output, 0 for the others. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
        ESCAPES[0x0B] = 'v';
    }

    private CopyText() {
    }

    /**
     * Splits and decodes one row as PgJDBC's {@code CopyOut.readFromCopy()} returns it: the UTF-8
     * bytes of one line, with or without its trailing {@code \n}.
     *
     * @return one string per field, {@code null} for {@code \N}
     * @throws BatchFormatException if the row does not have {@code columns} fields or ends inside an
     *                              escape
     */
    public static String[] decodeRow(byte[] line, int columns) {
        String[] row = new String[columns];
        forEachField(line, columns, (i, bytes, from, length) ->
                row[i] = bytes == null ? null : new String(bytes, from, length, StandardCharsets.UTF_8));
        return row;
    }

    /** One decoded field of a row: its UTF-8 bytes {@code bytes[from, from + length)}, or {@code bytes} null for NULL. */
    @FunctionalInterface
    public interface FieldSink {
        void field(int index, byte[] bytes, int from, int length);
    }

    /**
     * {@link #decodeRow} without making strings: each field's decoded UTF-8 bytes go to {@code sink}, in order,
     * valid only during the call (a field with escapes is decoded into a buffer the next field reuses).
     *
     * @throws BatchFormatException as {@link #decodeRow}, after the fields before the problem went to the sink
     */
    public static void forEachField(byte[] line, int columns, FieldSink sink) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (columns == 0 && end == 0) {
            return; // a table without columns: PostgreSQL sends an empty line per row
        }
        byte[] scratch = null;
        int fields = 0;
        int start = 0;
        while (true) {
            int p = start;
            boolean escaped = false;
            while (p < end) {
                byte b = line[p];
                if (b == '\t') {
                    break;
                }
                if (b == '\\') {
                    escaped = true;
                    p++;
                }
                p++;
            }
            if (p > end) {
                throw new BatchFormatException("COPY row ends with a lone backslash in field " + (fields + 1));
            }
            if (fields < columns) {
                if (!escaped) {
                    sink.field(fields, line, start, p - start);
                } else if (p - start == 2 && line[start + 1] == 'N') {
                    sink.field(fields, null, 0, 0);
                } else {
                    if (scratch == null) {
                        scratch = new byte[end];
                    }
                    sink.field(fields, scratch, 0, unescape(line, start, p, scratch));
                }
            }
            fields++;
            if (p >= end) {
                break;
            }
            start = p + 1;
        }
        if (fields != columns) {
            throw new BatchFormatException("COPY row has " + fields + " fields, expected " + columns);
        }
    }

    /**
     * Appends one row in COPY text format, ending with {@code \n}, to {@code out}: fields separated
     * by tabs, {@code null} as {@code \N}, backslash and the control characters {@code \b \f \n \r
     * \t \v} escaped, everything else as UTF-8. The sink is a {@link ByteArrayOutputStream} because
     * the loader gathers many rows into one buffer before each {@code CopyIn.writeToCopy}; the row is
     * encoded into a scratch array and appended with one {@code write}.
     */
    public static void encodeRow(String[] values, ByteArrayOutputStream out) {
        int bound = values.length + 1; // separators and the newline
        for (String value : values) {
            bound += value == null ? 2 : 3 * value.length();
        }
        byte[] buf = new byte[bound];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buf[n++] = '\t';
            }
            String value = values[i];
            if (value == null) {
                buf[n++] = '\\';
                buf[n++] = 'N';
            } else {
                n = encodeField(value, buf, n);
            }
        }
        buf[n++] = '\n';
        out.write(buf, 0, n);
    }

    private static int encodeField(String value, byte[] buf, int n) {
        int length = value.length();
        for (int k = 0; k < length; k++) {
            char c = value.charAt(k);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape != 0) {
                    buf[n++] = '\\';
                    buf[n++] = escape;
                } else {
                    buf[n++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xC0 | (c >> 6));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && k + 1 < length && Character.isLowSurrogate(value.charAt(k + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++k));
                buf[n++] = (byte) (0xF0 | (cp >> 18));
                buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[n++] = '?'; // an unpaired surrogate has no UTF-8 form; String.getBytes does the same
            } else {
                buf[n++] = (byte) (0xE0 | (c >> 12));
                buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }

    /** Decodes the escapes of {@code in[from, to)} into {@code out}; returns the decoded length. */
    private static int unescape(byte[] in, int from, int to, byte[] out) {
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = in[i++];
            if (b != '\\') {
                out[n++] = b;
                continue;
            }
            byte c = in[i++];
            switch (c) {
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int value = c - '0';
                    if (i < to && isOctal(in[i])) {
                        value = (value << 3) + in[i++] - '0';
                        if (i < to && isOctal(in[i])) {
                            value = (value << 3) + in[i++] - '0';
                        }
                    }
                    out[n++] = (byte) value;
                }
                case 'x' -> {
                    int high = i < to ? hexValue(in[i]) : -1;
                    if (high < 0) {
                        out[n++] = 'x';
                    } else {
                        i++;
                        int low = i < to ? hexValue(in[i]) : -1;
                        if (low >= 0) {
                            i++;
                            high = (high << 4) + low;
                        }
                        out[n++] = (byte) high;
                    }
                }
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'v' -> out[n++] = 0x0B;
                default -> out[n++] = c;
            }
        }
        return n;
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
