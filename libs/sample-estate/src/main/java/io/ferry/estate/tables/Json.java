package io.ferry.estate.tables;

/** A tiny JSON object writer with stable key order (the order of the calls). */
public final class Json {
    private final StringBuilder sb = new StringBuilder(128).append('{');
    private boolean first = true;

    public static Json object() {
        return new Json();
    }

    private Json key(String k) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        str(sb, k);
        sb.append(':');
        return this;
    }

    public Json put(String k, String v) {
        key(k);
        if (v == null) {
            sb.append("null");
        } else {
            str(sb, v);
        }
        return this;
    }

    public Json put(String k, long v) {
        key(k);
        sb.append(v);
        return this;
    }

    /** A number given as its literal (e.g. "0.9412"). */
    public Json num(String k, String literal) {
        key(k);
        sb.append(literal);
        return this;
    }

    public Json put(String k, Json nested) {
        key(k);
        sb.append(nested.toString());
        return this;
    }

    @Override
    public String toString() {
        return sb.toString() + '}';
    }

    static void str(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
