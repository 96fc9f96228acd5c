package io.ferry.staging.s3;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The server-side encryption {@link S3Staging} asks for on every put: SSE-S3 ({@code AES256}) or SSE-KMS
 * ({@code aws:kms}, with the bucket's default KMS key or a configured one). There is no "off": anonymized batches,
 * key sets, leak hashes and reports must not rest unencrypted, and raw batches get it on top of Ferry's own encryption.
 *
 * @param algorithm {@link ServerSideEncryption#AES256} or {@link ServerSideEncryption#AWS_KMS}
 * @param kmsKeyId  the KMS key (id, ARN or alias) for {@code aws:kms}; empty for the account's default S3 key
 */
public record ServerSideEncryptionSettings(ServerSideEncryption algorithm, Optional<String> kmsKeyId) {

    public static final ServerSideEncryptionSettings AES256 =
            new ServerSideEncryptionSettings(ServerSideEncryption.AES256, Optional.empty());

    public ServerSideEncryptionSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        if (algorithm != ServerSideEncryption.AES256 && algorithm != ServerSideEncryption.AWS_KMS) {
            throw new IllegalArgumentException("server-side encryption must be AES256 or aws:kms, not " + algorithm);
        }
        if (kmsKeyId.isPresent() && algorithm != ServerSideEncryption.AWS_KMS) {
            throw new IllegalArgumentException("a KMS key id needs server-side encryption aws:kms");
        }
    }

    /** {@code AES256} or {@code aws:kms} (as S3 writes them), with the KMS key id if any. */
    public static ServerSideEncryptionSettings parse(String algorithm, Optional<String> kmsKeyId) {
        ServerSideEncryption parsed = ServerSideEncryption.fromValue(algorithm);
        if (parsed == null || parsed == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException(
                    "server-side encryption must be AES256 or aws:kms, not '" + algorithm + "'");
        }
        return new ServerSideEncryptionSettings(parsed, kmsKeyId);
    }

    /**
     * Why the store's answer to a put does not show this encryption, or empty if it does. A store that does not
     * support SSE may drop the header and store the object in the clear; only its answer tells.
     */
    public Optional<String> problem(ServerSideEncryption answered) {
        if (answered == null) {
            return Optional.of("the store did not confirm server-side encryption " + algorithm);
        }
        if (answered != algorithm) {
            return Optional.of("the store encrypted with " + answered + ", not " + algorithm);
        }
        return Optional.empty();
    }
}
