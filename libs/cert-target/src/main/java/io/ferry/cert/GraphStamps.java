package io.ferry.cert;

import io.ferry.schema.neo4j.GraphValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Ferry sets on every node and relationship it creates in a CERT graph: the run that created it
 * ({@value #STAMP}) and the hash of its own properties then ({@value #HASH}). The loader writes them,
 * compensation and the validator's verify compare a node's properties now with its hash.
 */
public final class GraphStamps {

    public static final String STAMP = "_ferryRun";
    public static final String HASH = "_ferryHash";

    /**
     * One MD5 per thread: the loader hashes every node and relationship it writes, and looking the algorithm up
     * each time cost about an eighth of that.
     */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private GraphStamps() {
    }

    /** The md5 (32 hex digits) of the canonical text of the properties that are not Ferry's own ({@code _ferry*}). */
    public static String hash(Map<String, Object> properties) {
        // HexFormat writes all 32 digits, leading zeros too
        return HexFormat.of().formatHex(digest(properties));
    }

    /**
     * What the load stores as {@value #HASH}: the first 8 bytes of {@link #hash}'s md5 as a long. A long takes two
     * of a Neo4j property record's four blocks where the 32 hex digits took all four, and most relationships hold
     * little else (see docs/loader.md, "Loading a Neo4j store").
     */
    public static long stamp(Map<String, Object> properties) {
        return ByteBuffer.wrap(digest(properties)).getLong();
    }

    /**
     * Whether the properties still hash to what was stored: a {@link #stamp} long, or the 32 hex digits loads
     * stored before 2026-11-30. Nothing stored (or anything else) does not match.
     */
    public static boolean matches(Map<String, Object> properties, Object stored) {
        return switch (stored) {
            case Long l -> stamp(properties) == l;
            case String s -> hash(properties).equals(s);
            case null, default -> false;
        };
    }

    private static byte[] digest(Map<String, Object> properties) {
        Map<String, Object> own = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!k.startsWith("_ferry")) {
                own.put(k, v);
            }
        });
        // digest() resets the digest for the next call
        return MD5.get().digest(GraphValues.text(own).getBytes(StandardCharsets.UTF_8));
    }
}
