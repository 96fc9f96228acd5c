package io.ferry.loader.load;

import io.ferry.schema.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** Where a load reads another store's key map of a remapped table: what that store committed, or decided (ADR 4). */
@FunctionalInterface
public interface KeyMapSource {

    /** How long a failed load's mark must hold before a waiting store gives up (a new attempt clears it). */
    Duration FAILED_GRACE = Duration.ofSeconds(5);

    /**
     * How long a retried load's mark may hold before a waiting store gives up: well past the coordinator's longest
     * default backoff (30 s) and a busy loader's delay in starting the new attempt. A store that gives up too early
     * costs only a new attempt of its own: the saga sends it again.
     */
    Duration RETRYING_GRACE = Duration.ofMinutes(2);

    /** @param other a session on the CERT store that holds {@code table} */
    Map<String, String> read(Connection other, TableId table) throws SQLException;

    /** The district's map as the store committed it ({@link RunKeyMap#read}). */
    static KeyMapSource committed(String district) {
        return (other, table) -> RunKeyMap.read(other, district, table);
    }

    /**
     * The run's map, once the store's load decided it or committed ({@link DecidedMaps#await}).
     *
     * @throws DecidedMaps.MapNotDecidedException the store's load failed, or did not decide within {@code wait}
     */
    static KeyMapSource decided(String runId, String district, Duration wait) {
        return (other, table) -> DecidedMaps.await(other, runId, district, table, wait, FAILED_GRACE,
                RETRYING_GRACE);
    }
}
