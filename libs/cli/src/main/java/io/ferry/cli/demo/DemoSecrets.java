package io.ferry.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The keys a demo's services need, made once per estate under {@code estate/secrets/} (owner-only files, base64 of
 * 32 random bytes): the anonymization key the spec names ({@code secrets/ferry-key}), the raw-file key the extractor
 * and anonymizer share, and the free-text dictionary's key. Development keys for a throw-away estate; a real
 * deployment takes its keys from its secret store.
 */
record DemoSecrets(Path rawKey, String dictionaryKey) {

    static DemoSecrets ensure(Path estateDir) {
        Path dir = estateDir.resolve("secrets");
        try {
            Files.createDirectories(dir);
            key(dir.resolve("ferry-key")); // read by the anonymizer, through the spec's anonymize.key.file
            return new DemoSecrets(key(dir.resolve("raw-key")),
                    Files.readString(key(dir.resolve("dictionary-key")), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's keys under " + dir, e);
        }
    }

    private static Path key(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the folder's permissions
            }
        }
        return file;
    }
}
