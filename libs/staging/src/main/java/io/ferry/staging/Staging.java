package io.ferry.staging;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where phases hand files to each other. Objects are written and read whole, through local files the
 * caller owns, so the filesystem store and an object store (S3) behave the same for callers: a reader
 * sees either the previous object or the complete new one, never a partial write.
 *
 * <p>Keys are relative paths with {@code /} (see {@link StagingKeys}); a prefix is {@code ""} (the
 * whole store) or a folder key, optionally ending in {@code /}. Errors name the key, never contents.
 */
public interface Staging extends AutoCloseable {

    /** Stores the whole of {@code localFile} under {@code key}, replacing any object there. */
    void put(String key, Path localFile);

    /** Copies the object to {@code localFile} (replaced if present); fails if there is no object. */
    void get(String key, Path localFile);

    Optional<ObjectInfo> stat(String key);

    /** Every object under the prefix, at any depth, sorted by key. */
    List<ObjectInfo> list(String prefix);

    /** Deletes the object; returns false if there was none. */
    boolean delete(String key);

    /**
     * Deletes every object under the prefix, and what interrupted writes left there (they may hold raw data);
     * returns how many objects. Only for a prefix no one writes under any more (an ended run's).
     */
    int deletePrefix(String prefix);

    /**
     * Deletes what writes a crash interrupted left behind (a partial upload, a temp file) that is older than
     * {@code before}, anywhere in the store; returns how many. Such leftovers are not objects, so listing and the
     * raw sweep do not see them, yet a raw batch's may hold production data (encrypted).
     */
    default int deleteInterruptedWrites(java.time.Instant before) {
        return 0;
    }

    /** Releases what the store holds (an S3 client's connections); the filesystem's holds nothing. */
    @Override
    default void close() {
    }
}
