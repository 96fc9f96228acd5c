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
        return (other, table) -> DecidedMaps.await(other, runId, district, table, wait, FAILED_GRACE);
    }
}
