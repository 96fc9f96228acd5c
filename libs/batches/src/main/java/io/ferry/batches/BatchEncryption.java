package io.ferry.batches;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.crypto.ParquetCipher;

/**
 * Parquet modular encryption as batches use it: AES-GCM (authenticated, so a wrong key or a changed
 * byte is detected), the footer encrypted, every column encrypted with the footer key. The footer
 * key's metadata, which Parquet stores in the clear, names the key version ({@value #KEY_VERSION}),
 * so a reader knows which key a file needs before it has one.
 */
final class BatchEncryption {

    private static final String KEY_VERSION = "ferry.batch.key-version=";

    private BatchEncryption() {
    }

    static FileEncryptionProperties encryption(FileKey key) {
        // Parquet wipes the key array after use: key() hands it a copy
        return FileEncryptionProperties.builder(key.key())
                .withAlgorithm(ParquetCipher.AES_GCM_V1)
                .withFooterKeyMetadata((KEY_VERSION + key.version()).getBytes(StandardCharsets.US_ASCII))
                .build();
    }

    /**
     * Decryption for an encrypted batch: hands Parquet {@code key} if its version is the one the file
     * names, and otherwise stops with an error that says which key version the file needs.
     */
    static FileDecryptionProperties decryption(Path file, FileKey key) {
        return FileDecryptionProperties.builder()
                .withKeyRetriever(metadata -> {
                    int version = version(metadata);
                    String needed = version > 0 ? " (version " + version + ")" : "";
                    if (key == null) {
                        throw new BatchFormatException("batch " + file + " is encrypted; the raw-file key" + needed
                                + " is required");
                    }
                    if (version > 0 && version != key.version()) {
                        throw new BatchFormatException("batch " + file + " is encrypted with key version " + version
                                + "; the key given is version " + key.version());
                    }
                    return key.key();
                })
                .build();
    }

    /** The key version named by a footer key's metadata, or 0 if it names none. */
    static int version(byte[] metadata) {
        String text = metadata == null ? "" : new String(metadata, StandardCharsets.US_ASCII);
        if (text.startsWith(KEY_VERSION)) {
            try {
                return Integer.parseInt(text.substring(KEY_VERSION.length()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
