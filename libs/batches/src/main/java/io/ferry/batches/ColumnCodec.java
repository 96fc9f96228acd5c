package io.ferry.batches;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Converts one column's values between PostgreSQL text and the column's Parquet type. Writing is
 * two steps so that a bad value never leaves half a record behind: {@link #stage} parses the text
 * and keeps the native value in the codec, {@link #emit} hands it to Parquet once the whole row has
 * parsed. A codec is therefore stateful and belongs to one writer or reader.
 */
abstract sealed class ColumnCodec {

    /** Value of each ASCII hex digit (either case); a large negative number for other characters. */
    private static final int[] HEX_VALUES = new int[128];

    static {
        Arrays.fill(HEX_VALUES, -1 << 8);
        for (int d = 0; d < 10; d++) {
            HEX_VALUES['0' + d] = d;
        }
        for (int d = 0; d < 6; d++) {
            HEX_VALUES['a' + d] = 10 + d;
            HEX_VALUES['A' + d] = 10 + d;
        }
    }

    /** The codec for a column of {@code encoding}; {@code pgType} gives a DECIMAL its precision and scale. */
    static ColumnCodec of(ColumnEncoding encoding, String pgType) {
        return switch (encoding) {
            case SMALLINT -> new Int32(LogicalTypeAnnotation.intType(16, true), Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> new Int32(null, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> new Int64();
            case REAL -> new Float32();
            case DOUBLE -> new Float64();
            case BOOLEAN -> new Bool();
            case STRING, TEXT -> new Text();
            case BYTEA -> new Bytea();
            case DATE -> new Date();
            case TIMESTAMP -> new Timestamp(false);
            case TIMESTAMPTZ -> new Timestamp(true);
            case UUID -> new Uuid();
            case DECIMAL -> {
                DecimalType type = DecimalType.of(pgType);
                if (type == null) {
                    throw new IllegalArgumentException("type '" + pgType + "' is not a DECIMAL numeric(p,s)");
                }
                yield new Decimal(type);
            }
        };
    }

    /** The byte written as two hex digits at {@code text[at]}, or a negative number if they are not hex digits. */
    private static int hexPair(String text, int at) {
        char high = text.charAt(at);
        char low = text.charAt(at + 1);
        if ((high | low) >= 128) {
            return -1;
        }
        return HEX_VALUES[high] << 4 | HEX_VALUES[low]; // negative if either is not a hex digit
    }

    /** The Parquet type of a nullable column named {@code name}. */
    abstract PrimitiveType parquetType(String name);

    /** Parses {@code text} (not null) and keeps the value for {@link #emit}. */
    abstract void stage(String text);

    /**
     * {@link #stage(String)} of the text whose UTF-8 bytes are {@code bytes[from, from + length)}, which the call
     * must not keep. Codecs whose common values need no string override it.
     */
    void stage(byte[] bytes, int from, int length) {
        stage(new String(bytes, from, length, StandardCharsets.UTF_8));
    }

    /** What {@link #plainInteger} returns for text it leaves to the string path (18 digits never reach it). */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * The value of an integer written in plain ASCII digits with an optional minus and at most 18 digits (no
     * overflow), or {@link #NOT_PLAIN} for anything else, which the string path parses (or refuses) as it always did.
     */
    private static long plainInteger(byte[] bytes, int from, int length) {
        int i = from;
        int end = from + length;
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end || end - i > 18) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** Writes the value last staged. */
    abstract void emit(RecordConsumer out);

    /** The reader's current (non-null) value as text PostgreSQL's input reads back to the same value. */
    abstract String read(ColumnReader in);

    static final class Int32 extends ColumnCodec {
        private final LogicalTypeAnnotation annotation;
        private final int min;
        private final int max;
        private int value;

        Int32(LogicalTypeAnnotation annotation, int min, int max) {
            this.annotation = annotation;
            this.min = min;
            this.max = max;
        }

        @Override
        PrimitiveType parquetType(String name) {
            Types.PrimitiveBuilder<PrimitiveType> builder = Types.optional(INT32);
            return (annotation == null ? builder : builder.as(annotation)).named(name);
        }

        @Override
        void stage(String text) {
            value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new InvalidValueException("out of range for the type");
            }
        }

        @Override
        void stage(byte[] bytes, int from, int length) {
            long plain = plainInteger(bytes, from, length);
            if (plain == NOT_PLAIN || plain < Integer.MIN_VALUE || plain > Integer.MAX_VALUE) {
                super.stage(bytes, from, length);
                return;
            }
            value = (int) plain;
            if (value < min || value > max) {
                throw new InvalidValueException("out of range for the type");
            }
        }

        @Override
        void emit(RecordConsumer out) {
            out.addInteger(value);
        }

        @Override
        String read(ColumnReader in) {
            return Integer.toString(in.getInteger());
        }
    }

    static final class Int64 extends ColumnCodec {
        private long value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(INT64).named(name);
        }

        @Override
        void stage(String text) {
            value = Long.parseLong(text);
        }

        @Override
        void stage(byte[] bytes, int from, int length) {
            long plain = plainInteger(bytes, from, length);
            if (plain == NOT_PLAIN) {
                super.stage(bytes, from, length);
            } else {
                value = plain;
            }
        }

        @Override
        void emit(RecordConsumer out) {
            out.addLong(value);
        }

        @Override
        String read(ColumnReader in) {
            return Long.toString(in.getLong());
        }
    }

    static final class Float32 extends ColumnCodec {
        private float value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(PrimitiveTypeName.FLOAT).named(name);
        }

        @Override
        void stage(String text) {
            value = Float.parseFloat(text);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addFloat(value);
        }

        @Override
        String read(ColumnReader in) {
            return FloatText.formatFloat(in.getFloat());
        }
    }

    static final class Float64 extends ColumnCodec {
        private double value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        }

        @Override
        void stage(String text) {
            value = Double.parseDouble(text);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addDouble(value);
        }

        @Override
        String read(ColumnReader in) {
            return FloatText.formatDouble(in.getDouble());
        }
    }

    static final class Bool extends ColumnCodec {
        private boolean value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
        }

        @Override
        void stage(String text) {
            switch (text) {
                case "t" -> value = true;
                case "f" -> value = false;
                default -> throw new InvalidValueException("not t or f");
            }
        }

        @Override
        void emit(RecordConsumer out) {
            out.addBoolean(value);
        }

        @Override
        String read(ColumnReader in) {
            return in.getBoolean() ? "t" : "f";
        }
    }

    /** Text types and every type that travels as its text output: the text itself, as UTF-8. */
    static final class Text extends ColumnCodec {
        private Binary value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }

        @Override
        void stage(String text) {
            // The same UTF-8 bytes as Binary.fromString, but array-backed: no ByteBuffer per value, and the
            // dictionary's hashing and comparing run on the array.
            value = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void stage(byte[] bytes, int from, int length) {
            // ASCII is its own UTF-8 both ways; anything else takes the string's way, so that bytes which are not
            // valid UTF-8 end up as they always did
            for (int i = from; i < from + length; i++) {
                if (bytes[i] < 0) {
                    super.stage(bytes, from, length);
                    return;
                }
            }
            value = Binary.fromConstantByteArray(Arrays.copyOfRange(bytes, from, from + length));
        }

        @Override
        void emit(RecordConsumer out) {
            out.addBinary(value);
        }

        @Override
        String read(ColumnReader in) {
            return in.getBinary().toStringUsingUTF8();
        }
    }

    /** The raw bytes; text in PostgreSQL's hex form {@code \x0a1b}, lower-case as PostgreSQL prints it. */
    static final class Bytea extends ColumnCodec {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private Binary value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(BINARY).named(name);
        }

        @Override
        void stage(String text) {
            int length = text.length();
            if (length < 2 || text.charAt(0) != '\\' || text.charAt(1) != 'x' || length % 2 != 0) {
                throw new InvalidValueException("not bytea hex output (\\x followed by pairs of hex digits)");
            }
            byte[] bytes = new byte[(length - 2) / 2];
            for (int i = 0; i < bytes.length; i++) {
                int value = hexPair(text, 2 + 2 * i);
                if (value < 0) {
                    throw new InvalidValueException("not bytea hex output (\\x followed by pairs of hex digits)");
                }
                bytes[i] = (byte) value;
            }
            value = Binary.fromConstantByteArray(bytes);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addBinary(value);
        }

        @Override
        String read(ColumnReader in) {
            return hex("\\x", in.getBinary().getBytesUnsafe());
        }

        static String hex(String prefix, byte[] bytes) {
            byte[] out = new byte[prefix.length() + 2 * bytes.length];
            int n = 0;
            for (; n < prefix.length(); n++) {
                out[n] = (byte) prefix.charAt(n);
            }
            for (byte b : bytes) {
                out[n++] = HEX[(b >> 4) & 0xF];
                out[n++] = HEX[b & 0xF];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    }

    static final class Date extends ColumnCodec {
        private int value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(INT32).as(LogicalTypeAnnotation.dateType()).named(name);
        }

        @Override
        void stage(String text) {
            value = DateTimeText.parseDate(text);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addInteger(value);
        }

        @Override
        String read(ColumnReader in) {
            return DateTimeText.formatDate(in.getInteger());
        }
    }

    static final class Timestamp extends ColumnCodec {
        private final boolean utc;
        private long value;

        Timestamp(boolean utc) {
            this.utc = utc;
        }

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(INT64)
                    .as(LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
        }

        @Override
        void stage(String text) {
            value = DateTimeText.parseTimestamp(text, utc);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addLong(value);
        }

        @Override
        String read(ColumnReader in) {
            return DateTimeText.formatTimestamp(in.getLong(), utc);
        }
    }

    /** Sixteen bytes, big-endian; text {@code 8-4-4-4-12} lower-case hex as PostgreSQL prints it. */
    static final class Uuid extends ColumnCodec {
        private Binary value;

        @Override
        PrimitiveType parquetType(String name) {
            return Types.optional(FIXED_LEN_BYTE_ARRAY).length(16).as(LogicalTypeAnnotation.uuidType()).named(name);
        }

        @Override
        void stage(String text) {
            if (text.length() != 36) {
                throw new InvalidValueException("not uuid output (8-4-4-4-12 hex digits)");
            }
            byte[] bytes = new byte[16];
            int n = 0;
            for (int i = 0; i < 36; i++) {
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (text.charAt(i) != '-') {
                        throw new InvalidValueException("not uuid output (8-4-4-4-12 hex digits)");
                    }
                    continue;
                }
                int value = hexPair(text, i++);
                if (value < 0) {
                    throw new InvalidValueException("not uuid output (8-4-4-4-12 hex digits)");
                }
                bytes[n++] = (byte) value;
            }
            value = Binary.fromConstantByteArray(bytes);
        }

        @Override
        void emit(RecordConsumer out) {
            out.addBinary(value);
        }

        @Override
        String read(ColumnReader in) {
            String hex = Bytea.hex("", in.getBinary().getBytesUnsafe());
            return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                    + hex.substring(16, 20) + '-' + hex.substring(20);
        }
    }

    /**
     * {@code numeric(p,s)} as DECIMAL(p,s): the unscaled value in an INT32 (p ≤ 9), INT64 (p ≤ 18) or
     * the smallest big-endian FIXED_LEN_BYTE_ARRAY that holds p digits. Text has exactly s fraction
     * digits, as PostgreSQL prints a value of a column with that scale ({@code 1.50}). {@code NaN},
     * which PostgreSQL allows in such a column, is the physical type's minimum, outside the
     * precision: {@code Integer.MIN_VALUE}, {@code Long.MIN_VALUE}, or {@code 0x80 00 .. 00}.
     */
    static final class Decimal extends ColumnCodec {
        private final int precision;
        private final int scale;
        private final PrimitiveTypeName physical;
        private final int length;
        private final byte[] nanBytes;
        private boolean nan;
        private long unscaled;
        private Binary bytes;

        Decimal(DecimalType type) {
            this.precision = type.precision();
            this.scale = type.scale();
            this.physical = precision <= 9 ? INT32 : precision <= 18 ? INT64 : FIXED_LEN_BYTE_ARRAY;
            int n = 1;
            while (BigInteger.TWO.pow(8 * n - 1).compareTo(BigInteger.TEN.pow(precision)) < 0) {
                n++;
            }
            this.length = n;
            this.nanBytes = new byte[n];
            nanBytes[0] = (byte) 0x80;
        }

        @Override
        PrimitiveType parquetType(String name) {
            Types.PrimitiveBuilder<PrimitiveType> builder = Types.optional(physical);
            if (physical == FIXED_LEN_BYTE_ARRAY) {
                builder = builder.length(length);
            }
            return builder.as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name);
        }

        @Override
        void stage(String text) {
            nan = text.equals("NaN");
            if (nan) {
                return;
            }
            int n = text.length();
            boolean negative = n > 0 && text.charAt(0) == '-';
            int intStart = negative ? 1 : 0;
            int i = skipDigits(text, intStart);
            int intEnd = i;
            int fracStart = i;
            if (i < n && text.charAt(i) == '.') {
                fracStart = i + 1;
                i = skipDigits(text, fracStart);
            }
            int fracDigits = i - fracStart;
            if (i != n || (intEnd == intStart && fracDigits == 0)) {
                throw new InvalidValueException("not numeric output");
            }
            if (fracDigits > scale) {
                throw new InvalidValueException("more fraction digits than the scale");
            }
            while (intStart < intEnd && text.charAt(intStart) == '0') {
                intStart++;
            }
            if (intEnd - intStart > precision - scale) {
                throw new InvalidValueException("more integer digits than the precision allows");
            }
            if (physical == FIXED_LEN_BYTE_ARRAY) {
                StringBuilder digits = new StringBuilder(precision + 1);
                digits.append(negative ? "-0" : "0").append(text, intStart, intEnd).append(text, fracStart, i);
                digits.repeat('0', scale - fracDigits);
                bytes = Binary.fromConstantByteArray(fixed(new BigInteger(digits.toString())));
            } else {
                long value = 0;
                for (int k = intStart; k < intEnd; k++) {
                    value = value * 10 + (text.charAt(k) - '0');
                }
                for (int k = fracStart; k < i; k++) {
                    value = value * 10 + (text.charAt(k) - '0');
                }
                for (int k = fracDigits; k < scale; k++) {
                    value *= 10;
                }
                unscaled = negative ? -value : value;
            }
        }

        private static int skipDigits(String text, int i) {
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            return i;
        }

        private byte[] fixed(BigInteger value) {
            byte[] raw = value.toByteArray();
            byte[] out = new byte[length];
            if (value.signum() < 0) {
                Arrays.fill(out, 0, length - raw.length, (byte) 0xFF);
            }
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
            return out;
        }

        @Override
        void emit(RecordConsumer out) {
            switch (physical) {
                case INT32 -> out.addInteger(nan ? Integer.MIN_VALUE : (int) unscaled);
                case INT64 -> out.addLong(nan ? Long.MIN_VALUE : unscaled);
                default -> out.addBinary(nan ? Binary.fromConstantByteArray(nanBytes) : bytes);
            }
        }

        @Override
        String read(ColumnReader in) {
            return switch (physical) {
                case INT32 -> {
                    int value = in.getInteger();
                    yield value == Integer.MIN_VALUE ? "NaN" : plain(value);
                }
                case INT64 -> {
                    long value = in.getLong();
                    yield value == Long.MIN_VALUE ? "NaN" : plain(value);
                }
                default -> {
                    byte[] value = in.getBinary().getBytesUnsafe();
                    yield Arrays.equals(value, nanBytes) ? "NaN"
                            : new BigDecimal(new BigInteger(value), scale).toPlainString();
                }
            };
        }

        /** The unscaled value with the decimal point {@code scale} digits from the right: {@code -0.05}. */
        private String plain(long value) {
            if (scale == 0) {
                return Long.toString(value);
            }
            String digits = Long.toString(Math.abs(value));
            StringBuilder out = new StringBuilder(digits.length() + 3);
            if (value < 0) {
                out.append('-');
            }
            int intDigits = digits.length() - scale;
            if (intDigits <= 0) {
                out.append("0.").repeat('0', -intDigits).append(digits);
            } else {
                out.append(digits, 0, intDigits).append('.').append(digits, intDigits, digits.length());
            }
            return out.toString();
        }
    }
}
