package io.ferry.validator.testing;

import io.ferry.batches.BatchReader;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateReport;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Planted;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.DistrictStage;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.TestSpecs;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample estate (small preset) on a PROD and a CERT server, and a fresh staging root holding its spec
 * under its hash and one run: the lowest-ranked district with its planted problems, staged as anonymized
 * batches ({@link DistrictStage}). The service is given CERT's connections only, as in production. The test
 * learns what was staged from {@code ferry.test.validator.*} settings: the application may not share this
 * class's statics.
 */
public class ValidatorEstateResource implements QuarkusTestResourceLifecycleManager {

    public static final String RUN_ID = "mig-20261121150000-001";

    private PostgresServer prod;
    private PostgresServer cert;

    @Override
    public Map<String, String> start() {
        try {
            prod = PostgresServer.startTemporary();
            cert = PostgresServer.startTemporary();
            EstateReport report = SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            // java.io.tmpdir read now: the build points it into target/ after the JVM started.
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "validator-estate-");
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            Path root = dir.resolve("staging");
            TestSpecs.stage(root, StagingLayout.spec(spec.specHash()), EstateSpec.yaml());
            Path certOnly = dir.resolve("cert.properties");
            Files.writeString(certOnly, EstateSpec.properties("cert", cert));

            String district = report.planted().stream().filter(p -> p.kind().equals("cert-check-violation"))
                    .findFirst().orElseThrow().district();
            List<Planted> orphans = report.planted().stream()
                    .filter(p -> p.kind().equals("orphan") && district.equals(p.district())).toList();
            DistrictStage.stage(prod, spec, district, orphans, new FileSystemStaging(root), RUN_ID, dir);

            Map<String, String> config = new HashMap<>();
            config.put("ferry.validator.staging.root", root.toString());
            config.put("ferry.validator.spec.properties-file", certOnly.toString());
            config.put("ferry.test.validator.spec-hash", spec.specHash());
            config.put("ferry.test.validator.staged-rows", Long.toString(rows(root.resolve(RUN_ID))));
            config.put("ferry.test.validator.check-violations", Long.toString(report.planted().stream()
                    .filter(p -> p.kind().equals("cert-check-violation")).mapToLong(Planted::count).sum()));
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot set up the sample estate for the validator", e);
        }
    }

    /** Rows of every batch file under the run's folder. */
    private static long rows(Path run) throws Exception {
        long rows = 0;
        try (Stream<Path> files = Files.walk(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                try (BatchReader reader = BatchReader.open(file, null)) {
                    rows += reader.rows();
                }
            }
        }
        return rows;
    }

    @Override
    public void stop() {
        if (prod != null) {
            prod.close();
            prod = null;
        }
        if (cert != null) {
            cert.close();
            cert = null;
        }
        // The staging folder stays under target/ for a look after a failure; mvn clean removes it.
    }
}
