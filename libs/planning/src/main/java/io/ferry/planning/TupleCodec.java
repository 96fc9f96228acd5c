package io.ferry.planning;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Tuples to bytes and back (for spill files), and their approximate heap size. */
final class TupleCodec {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte TEXT = 2;

    private TupleCodec() {
    }

    static byte[] encode(Tuple t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeShort(t.size());
            for (Object v : t.values()) {
                if (v == null) {
                    out.writeByte(NULL);
                } else if (v instanceof Long l) {
                    out.writeByte(LONG);
                    out.writeLong(l);
                } else {
                    out.writeByte(TEXT);
                    byte[] s = v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(s.length);
                    out.write(s);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tuple decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
            Object[] values = new Object[in.readShort()];
            for (int i = 0; i < values.length; i++) {
                byte kind = in.readByte();
                if (kind == LONG) {
                    values[i] = in.readLong();
                } else if (kind == TEXT) {
                    byte[] s = new byte[in.readInt()];
                    in.readFully(s);
                    values[i] = new String(s, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return new Tuple(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long heapBytes(Tuple t) {
        long bytes = 32 + 8L * t.size();
        for (Object v : t.values()) {
            if (v instanceof Long) {
                bytes += 16;
            } else if (v != null) {
                bytes += 40 + v.toString().length();
            }
        }
        return bytes;
    }
}
