package io.ferry.coordinator.config;

import io.ferry.service.config.ServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The coordinator's settings ({@code ferry.coordinator.*}, listed in docs/coordinator.md). Durations are written
 * {@code 10s}, {@code 30m} or ISO-8601. Its database is Quarkus's default datasource.
 */
@ConfigMapping(prefix = "ferry.coordinator")
public interface CoordinatorConfig {

    /** The spec runs start with; read at each start (so an edit applies to the next run) and staged by hash. */
    @WithDefault(".ferry/estate/ferry.yaml")
    Path specFile();

    StagingGroup staging();

    /**
     * The coordinator's own database. application.properties hands these to Quarkus's default datasource; they are
     * mapped here too so that setting them passes configuration validation.
     */
    DbGroup db();

    OutboxGroup outbox();

    interface DbGroup {
        @WithDefault("jdbc:postgresql://127.0.0.1:5432/ferry_coordinator")
        String url();

        @WithDefault("ferry_coordinator")
        String user();

        java.util.Optional<String> password();
    }

    interface StagingGroup extends ServiceConfig.StagingStoreGroup {
        /** Root folder of the filesystem staging shared with the phase services (when kind is filesystem). */
        @WithDefault(".ferry/estate/staging")
        Path root();
    }

    RetryGroup retry();

    LoadSlotGroup loadSlot();

    SweepGroup sweep();

    MetricsGroup metrics();

    TasksGroup tasks();

    CatalogGroup catalog();

    interface CatalogGroup {
        /** How long {@code /districts}, {@code /schema} and {@code /plan} wait for the extractor's answer. */
        @WithDefault("2m")
        Duration timeout();
    }

    interface TasksGroup {
        /** How often the coordinator does its own open tasks (reports, deleting a run's raw batches). */
        @WithDefault("2s")
        String interval();
    }

    interface MetricsGroup {
        /** How often {@code ferry_runs{status}} is counted again from the database. */
        @WithDefault("15s")
        String interval();

        /** How often staging is listed for {@code ferry_staging_raw_oldest_seconds} (a listing of the whole store). */
        @WithDefault("5m")
        String rawInterval();
    }

    interface LoadSlotGroup {
        /** How often a free CERT load slot is handed to the run that waited longest. */
        @WithDefault("2s")
        String interval();
    }

    interface SweepGroup {
        /** How often the sweeper looks for stuck runs. */
        @WithDefault("1m")
        String interval();

        /** A run waiting on a command with no change for this long is stuck: its commands are sent again. */
        @WithDefault("30m")
        Duration timeout();
    }

    interface OutboxGroup {
        /** How often the relay looks for due rows (it sends until none are left each time). */
        @WithDefault("1s")
        String interval();

        /** Rows sent before the relay waits for their acknowledgements. */
        @WithDefault("100")
        int batchSize();

        /** How long the relay waits for one acknowledgement before it leaves the row for the next round. */
        @WithDefault("30s")
        Duration ackTimeout();
    }

    interface RetryGroup {
        /** The wait before each retry of a command that failed transiently; as many retries as waits. */
        @WithDefault("2s,8s,30s")
        List<Duration> backoff();

        /** Sweeps without progress that re-send a run's current step before the run gives up. */
        @WithDefault("3")
        int stallLimit();
    }
}
