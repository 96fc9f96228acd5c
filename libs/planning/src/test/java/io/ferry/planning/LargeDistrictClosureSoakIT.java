package io.ferry.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreSchema;
import io.ferry.testkit.postgres.PostgresServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (runs only under {@code -Psoak}): plans district-001 of the large preset on a hot standby and
 * prints seconds, rows read per second, key-set bytes per key and the peak heap, so regressions in the
 * rounds or the key sets show up as numbers rather than as a time limit.
 */
class LargeDistrictClosureSoakIT {

    @Test
    void planDistrictOneOfTheLargePreset() throws Exception {
        try (PostgresServer prod = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, null, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            prod.restartAsStandby();
            List<StoreSchema> stores = new ArrayList<>();
            for (String store : List.of("ids", "hcp1", "hcp2", "adb")) {
                try (Connection c = prod.connect(store)) {
                    stores.add(new PostgresIntrospector().introspect(c, store, List.of("public")));
                }
            }
            EstateSchema schema = new EstateSchema(stores, SampleEstateClosureIT.links());
            ClosureRules rules = SampleEstateClosureIT.rules("district-001");
            Map<String, RowSource> sources = new LinkedHashMap<>();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            try {
                for (StoreSchema s : stores) {
                    sources.put(s.store(), JdbcRowSource.openSnapshot(prod.connect(s.store()), s));
                }
                try (Closure closure = new ClosurePlanner().close(schema, rules, sources)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                    System.out.printf("district-001 (large): %d keys, %d rows read, %d rounds, %d passes in %.1f s: "
                                    + "%.0f rows/s, %.1f bytes per key, peak heap %d MiB (max %d MiB)%n",
                            closure.keyCount(), closure.rowsRead(), closure.rounds(), closure.passes(), seconds,
                            closure.rowsRead() / seconds, (double) closure.keyBytes() / closure.keyCount(),
                            peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
                    assertThat(closure.failures(rules)).isEmpty();
                }
            } finally {
                sources.values().forEach(RowSource::close);
            }
        }
    }
}
