package io.ferry.loader.load;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.contracts.ids.RunId;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.schema.model.TableId;
import io.ferry.service.run.RunBatches;
import io.ferry.service.run.StagedTable;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.EstateSpec;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.Staging;
import io.ferry.testkit.postgres.PostgresServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiling aid (not a benchmark): the benchmark's load of district-001 with each statement's wall time, its
 * backend's CPU time, the bytes the backend wrote and the WAL the server wrote meanwhile recorded; odd rounds plain,
 * even rounds with auto_explain (ANALYZE, BUFFERS) of statements over 100 ms. Writes {@code profile.out}-N.txt.
 */
class LoadStatementProfileSoakIT {

    private static final String DISTRICT = "district-001";

    @Test
    void profile(@TempDir Path dir) throws Exception {
        int rounds = Integer.getInteger("profile.rounds", 2);
        String out = System.getProperty("profile.out", "/tmp/ldr/profile");
        try (PostgresServer prod = PostgresServer.startTemporary(); PostgresServer cert = PostgresServer.startTemporary()) {
            SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.LARGE, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            List<DatabaseIdentity> prodIdentities = LoadBenchmarkSoakIT.prepareTargets(prod, cert);
            Staging staging = new FileSystemStaging(dir.resolve("staging"));
            for (int round = 1; round <= rounds; round++) {
                boolean explain = round % 2 == 0;
                String run = "mig-20261122170000-00" + round;
                DistrictStage.stage(prod, spec, DISTRICT, staging, run, Files.createDirectories(dir.resolve("stage-" + round)));
                Map<TableId, StagedTable> staged = RunBatches.fetch(staging, RunId.parse(run), dir.resolve("batches-" + round));
                StatementProfile profile = new StatementProfile();
                Map<String, String> stepLines = new LinkedHashMap<>();
                for (String store : SampleEstate.PG_DATABASES) {
                    List<ForeignMap> foreign = new ArrayList<>();
                    for (TableId t : ForeignMap.needed(spec.spec(), store)) {
                        try (Connection other = cert.connect(t.store())) {
                            foreign.add(ForeignMap.read(other, List.of("public"), DISTRICT, t));
                        }
                    }
                    try (Connection real = cert.connect(store); Connection probe = cert.connect(store)) {
                        profile.walProbe = probe;
                        if (explain) {
                            try (Statement st = real.createStatement()) {
                                st.execute("LOAD 'auto_explain'");
                                st.execute("SET auto_explain.log_min_duration = 100");
                                st.execute("SET auto_explain.log_analyze = on");
                                st.execute("SET auto_explain.log_buffers = on");
                                st.execute("SET auto_explain.log_level = notice");
                                st.execute("SET auto_explain.log_triggers = on");
                                st.execute("SET auto_explain.log_verbose = off");
                            }
                        }
                        long backend = BackendCpu.pid(real);
                        profile.backend = backend;
                        double cpuStart = BackendCpu.seconds(backend);
                        long start = System.nanoTime();
                        PgStoreLoad load = new PgStoreLoad(LoadTimeouts.defaults());
                        load.load(profile.wrap(real, store), spec.spec(), store, prodIdentities,
                                new RunInfo(run, DISTRICT, spec.specHash(), 1, "profile"), staged, foreign);
                        StringBuilder line = new StringBuilder(String.format("%s %.2f s (server CPU %.2f s):", store,
                                (System.nanoTime() - start) / 1e9, BackendCpu.seconds(backend) - cpuStart));
                        load.steps().seconds().forEach((step, s) -> line.append(String.format(" %s %.2f;", step, s)));
                        stepLines.put(store, line.toString());
                    }
                }
                Path report = Path.of(out + "-" + round + ".txt").toAbsolutePath();
                Files.createDirectories(report.getParent());
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(report))) {
                    w.println("round " + round + (explain ? " (auto_explain)" : ""));
                    stepLines.values().forEach(w::println);
                    for (String store : SampleEstate.PG_DATABASES) {
                        List<StatementProfile.Entry> mine = profile.entries.stream().filter(e -> e.store().equals(store)).toList();
                        long total = mine.stream().mapToLong(StatementProfile.Entry::nanos).sum();
                        double cpu = mine.stream().mapToDouble(StatementProfile.Entry::cpu).sum();
                        long written = mine.stream().mapToLong(StatementProfile.Entry::written).sum();
                        long wal = mine.stream().mapToLong(StatementProfile.Entry::wal).sum();
                        w.printf("%n== %s: %d statements, %.2f s in statements, server CPU in statements %.2f s, the backend"
                                + " wrote %d MiB, WAL %d MiB%n", store, mine.size(), total / 1e9, cpu, written >> 20, wal >> 20);
                        mine.stream().sorted(Comparator.comparingLong(StatementProfile.Entry::nanos).reversed()).limit(40)
                                .forEach(e -> w.printf("%8.1f ms (cpu %5.0f ms, wrote %4d MiB, WAL %4d MiB)  %s%n",
                                        e.nanos() / 1e6, e.cpu() * 1000, e.written() >> 20, e.wal() >> 20,
                                        abbreviate(e.sql(), 260)));
                    }
                    w.println();
                    w.println("== every statement in order, full text");
                    for (StatementProfile.Entry e : profile.entries) {
                        w.printf("[%s] %.1f ms: %s%n", e.store(), e.nanos() / 1e6, e.sql());
                        if (!e.notices().isEmpty()) {
                            w.println(e.notices());
                        }
                    }
                }
                System.out.println("profile round " + round + " written to " + out + "-" + round + ".txt");
                stepLines.values().forEach(System.out::println);
                for (String store : SampleEstate.PG_DATABASES.reversed()) {
                    try (Connection c = cert.connect(store)) {
                        new PgCompensation(LoadTimeouts.defaults()).compensate(c, store, List.of("public"), run, false);
                    }
                }
            }
        }
    }

    private static String abbreviate(String sql, int max) {
        String s = sql == null ? "" : sql.replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
