package io.ferry.loader.testing;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.PostgresTarget;
import io.ferry.estate.EstateOptions;
import io.ferry.estate.EstateServers;
import io.ferry.estate.Preset;
import io.ferry.estate.SampleEstate;
import io.ferry.loader.load.DistrictStage;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.TestSpecs;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample estate (small preset) on a PROD and a CERT server, the CERT stores prepared as init-target does
 * (marker, ferry schema, PROD's identities), and a fresh staging root holding the spec under its hash and one
 * run: district-001 staged as anonymized batches. The service is given CERT's connections only, as in
 * production. The test learns the rest from {@code ferry.test.loader.*} settings (the application may not share
 * this class's statics): the spec hash, each store's CERT schema fingerprint ({@code fingerprint.<store>}) and
 * CERT JDBC URL ({@code cert-url.<store>}, superuser without password).
 */
public class LoaderEstateResource implements QuarkusTestResourceLifecycleManager {

    public static final String RUN_ID = "mig-20261123090000-001";
    public static final String DISTRICT = "district-001";

    private PostgresServer prod;
    private PostgresServer cert;

    @Override
    public Map<String, String> start() {
        try {
            prod = PostgresServer.startTemporary();
            cert = PostgresServer.startTemporary();
            SampleEstate.generate(new EstateServers(prod, cert, null, null),
                    new EstateOptions(Preset.SMALL, 42, Instant.parse("2026-09-01T00:00:00Z"), null));
            // java.io.tmpdir read now: the build points it into target/ after the JVM started.
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "loader-estate-");
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), prod, cert);
            Path root = dir.resolve("staging");
            TestSpecs.stage(root, StagingLayout.spec(spec.specHash()), EstateSpec.yaml());
            Path certOnly = dir.resolve("cert.properties");
            Files.writeString(certOnly, EstateSpec.properties("cert", cert));

            Map<String, DatabaseIdentity> prodIdentities = new LinkedHashMap<>();
            for (String store : SampleEstate.PG_DATABASES) {
                try (Connection c = prod.connect(store)) {
                    prodIdentities.put(store, DatabaseIdentity.of(c));
                }
            }
            Map<String, String> config = new HashMap<>();
            for (String store : SampleEstate.PG_DATABASES) {
                try (Connection c = cert.connect(store)) {
                    PostgresTarget.prepare(store, c, cert.jdbcUrl(store), PostgresServer.SUPERUSER, "unused",
                            PostgresServer.SUPERUSER);
                    PostgresTarget.rememberProd(c, prodIdentities);
                    config.put("ferry.test.loader.fingerprint." + store,
                            new PostgresIntrospector().introspect(c, store, List.of("public")).fingerprint());
                }
                config.put("ferry.test.loader.cert-url." + store, cert.jdbcUrl(store));
            }
            DistrictStage.stage(prod, spec, DISTRICT, new FileSystemStaging(root), RUN_ID,
                    Files.createDirectories(dir.resolve("stage")));

            config.put("ferry.loader.staging.root", root.toString());
            config.put("ferry.loader.spec.properties-file", certOnly.toString());
            config.put("ferry.loader.work-dir", dir.resolve("work").toString());
            config.put("ferry.loader.retry.attempts", "0");
            config.put("ferry.test.loader.spec-hash", spec.specHash());
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot set up the sample estate for the loader", e);
        }
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
