package io.ferry.contracts.ids;

import io.ferry.contracts.ContractViolation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Message ids (header {@code ferry-message-id}): the RFC 4122 name-based UUID, version 5 (SHA-1),
 * of {@code "{batch or command id}#{attempt}"} under {@link #FERRY_NAMESPACE}. The same attempt of
 * the same work always has the same id, so a consumer recognises a re-send; a retry is a new
 * attempt and so a new id.
 */
public final class MessageIds {

    /** RFC 4122 namespace for domain names; Ferry's namespace is derived from it. */
    public static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    /**
     * Ferry's namespace: {@code uuidV5(DNS_NAMESPACE, "messages.ferry.io")}. Fixed forever: changing
     * it changes every message id and breaks de-duplication across versions.
     */
    public static final UUID FERRY_NAMESPACE = UUID.fromString("fb2577b1-bb56-599d-8b79-c6d51ad4174a");

    private MessageIds() {
    }

    /** The id of attempt {@code attempt} (1 for the first) of a batch or command. */
    public static UUID forAttempt(String batchOrCommandId, int attempt) {
        if (batchOrCommandId == null || batchOrCommandId.isBlank()) {
            throw new ContractViolation("message id: batch or command id is required");
        }
        if (attempt < 1) {
            throw new ContractViolation("message id: attempt must be 1 or more");
        }
        return uuidV5(FERRY_NAMESPACE, batchOrCommandId + "#" + attempt);
    }

    /** RFC 4122 section 4.3: SHA-1 of namespace bytes then UTF-8 name, version 5, IETF variant. */
    public static UUID uuidV5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
