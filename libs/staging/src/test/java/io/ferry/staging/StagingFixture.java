package io.ferry.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Puts objects into a filesystem staging with a chosen modification time, for sweep and gc tests. */
final class StagingFixture {

    private final Path dir;
    final FileSystemStaging staging;

    StagingFixture(Path dir) {
        this.dir = dir;
        this.staging = new FileSystemStaging(dir.resolve("root"));
    }

    void put(String key, Instant modified) {
        try {
            Path local = Files.writeString(dir.resolve("local"), key);
            staging.put(key, local);
            Files.setLastModifiedTime(staging.root().resolve(key), FileTime.from(modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
