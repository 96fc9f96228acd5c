package io.ferry.service;

import io.ferry.batches.FileKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The raw-file key (Parquet modular encryption of raw batches, which hold PROD data): a file or a value,
 * base64 of a 16, 24 or 32 byte AES key. Read when it is needed, not at start, so a service that never
 * touches raw batches runs without it. {@link #toString()} never shows the value.
 *
 * @param setting the service's settings prefix, e.g. {@code ferry.extractor.raw-key}: errors name
 *                {@code <setting>.file}, {@code .value} and {@code .version}, the keys to fix
 * @param version the key's version, written into every manifest of a batch it encrypts
 */
public record RawKeySource(String setting, Optional<Path> file, Optional<String> value, int version) {

    public RawKeySource {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(value, "value");
        if (version < 0) {
            throw new IllegalArgumentException(setting + ".version must be 0 or more");
        }
    }

    /**
     * The key's bytes.
     *
     * @throws StepFailure fatal {@code RAW_KEY_UNAVAILABLE} when neither or both of file and value are
     *                     set, the file cannot be read, or the key is not base64 of 16, 24 or 32 bytes;
     *                     the message names the setting, never the key
     */
    public byte[] load() {
        if (file.isPresent() == value.isPresent()) {
            throw unavailable("exactly one of " + setting + ".file and " + setting + ".value must be set to write "
                    + "or read raw batches (" + (file.isPresent() ? "both are" : "neither is") + ")");
        }
        String text;
        String from;
        if (file.isPresent()) {
            from = setting + ".file " + file.get();
            try {
                text = Files.readString(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw unavailable("cannot read " + from + " (" + e.getClass().getSimpleName() + ")");
            }
        } else {
            from = setting + ".value";
            text = value.get();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw unavailable(from + " is not base64");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw unavailable(from + " must hold a 16, 24 or 32 byte key, not " + key.length + " bytes");
        }
        return key;
    }

    /** The key with its version, as batch writers and readers take it; fails like {@link #load()}. */
    public FileKey fileKey() {
        return new FileKey(version, load());
    }

    @Override
    public String toString() {
        return "RawKeySource[" + setting + ", file=" + file.map(Path::toString).orElse("none") + ", value="
                + (value.isPresent() ? "(set)" : "none") + ", version=" + version + "]";
    }

    private static StepFailure unavailable(String message) {
        return StepFailure.fatal("RAW_KEY_UNAVAILABLE", message);
    }
}
