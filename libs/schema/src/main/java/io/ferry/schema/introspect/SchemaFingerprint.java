package io.ferry.schema.introspect;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Key;
import io.ferry.schema.model.Reference;
import io.ferry.schema.model.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * sha256 over a canonical text rendering of a store's structure: tables, columns, keys, checks,
 * partitions and references, each sorted. Volumes (row estimates, bytes) are left out on purpose:
 * they change all the time, while the fingerprint must change only when the structure does.
 */
public final class SchemaFingerprint {

    private SchemaFingerprint() {
    }

    public static String of(String store, List<Table> tables, List<Reference> references) {
        StringBuilder text = new StringBuilder("store ").append(store).append('\n');
        tables.stream().sorted(Comparator.comparing(Table::id)).forEach(t -> render(t, text));
        references.stream().map(SchemaFingerprint::render).sorted().forEach(r -> text.append(r).append('\n'));
        return sha256(text.toString());
    }

    private static void render(Table t, StringBuilder text) {
        text.append("table ").append(t.id()).append(' ').append(t.kind()).append('\n');
        for (Column c : t.columns()) {
            text.append("  column ").append(c.position()).append(' ').append(c.name()).append(' ').append(c.type())
                    .append(c.nullable() ? " null" : " not null").append(' ').append(c.generation())
                    .append(" default ").append(c.defaultExpression()).append('\n');
        }
        if (t.primaryKey() != null) {
            text.append("  ").append(render(t.primaryKey())).append('\n');
        }
        t.uniqueKeys().stream().map(SchemaFingerprint::render).sorted().forEach(k -> text.append("  ").append(k).append('\n'));
        t.checks().stream().map(c -> "  check " + c.name() + " " + c.expression()).sorted()
                .forEach(c -> text.append(c).append('\n'));
        t.partitions().stream().sorted().forEach(p -> text.append("  partition ").append(p).append('\n'));
    }

    private static String render(Key k) {
        return (k.primary() ? "primary " : "unique ") + k.name() + " " + k.columns();
    }

    private static String render(Reference r) {
        return "reference " + r.name() + " " + r.describe() + " " + r.origin() + (r.nullable() ? " nullable" : "")
                + (r.deferrable() ? " deferrable" : "");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
