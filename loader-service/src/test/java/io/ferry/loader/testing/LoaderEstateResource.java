package io.ferry.loader.testing;

import io.ferry.cert.DatabaseIdentity;
import io.ferry.cert.GraphTarget;
import io.ferry.cert.InitTarget;
import io.ferry.cert.PostgresTarget;
import io.ferry.estate.SampleEstate;
import io.ferry.service.testing.DistrictStage;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.service.testing.EstateSpec;
import io.ferry.service.testing.GraphStage;
import io.ferry.service.testing.SharedProdEstate;
import io.ferry.service.testing.TestSpecs;
import io.ferry.staging.FileSystemStaging;
import io.ferry.staging.StagingLayout;
import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 *
 * <p>With init argument {@value #GRAPH} {@code true}, the estate's {@code sp} graph comes too, on a PROD and a
 * CERT Neo4j server: the spec keeps the store, its batches are staged, its CERT graph is prepared, and
 * {@code cert-url.sp} is the CERT graph's bolt address.
 */
public class LoaderEstateResource implements QuarkusTestResourceLifecycleManager {

    public static final String RUN_ID = "mig-20261123090000-001";
    public static final String DISTRICT = "district-001";
    public static final String GRAPH = "graph";

    private boolean graph;
    private PostgresServer prod;
    private PostgresServer cert;
    private Neo4jServer prodGraph;
    private Neo4jServer certGraph;

    @Override
    public void init(Map<String, String> initArgs) {
        graph = Boolean.parseBoolean(initArgs.get(GRAPH));
    }

    @Override
    public Map<String, String> start() {
        try {
            prod = SharedProdEstate.postgres();
            cert = PostgresServer.startTemporary();
            if (graph) {
                prodGraph = SharedProdEstate.graph();
                certGraph = Neo4jServer.startTemporary();
            }
            SharedProdEstate.generateCert(cert, certGraph);
            // java.io.tmpdir read now: the build points it into target/ after the JVM started.
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "loader-estate-");
            String yaml = graph ? EstateSpec.yamlWithGraph() : EstateSpec.yaml();
            String certProperties = EstateSpec.properties("cert", cert)
                    + (graph ? "cert.sp.url=" + certGraph.boltUri() + "\n" : "");
            String prodProperties = EstateSpec.properties("prod", prod)
                    + (graph ? "prod.sp.url=" + prodGraph.boltUri() + "\n" : "");
            LoadedSpec spec = EstateSpec.write(dir.resolve("spec"), yaml, prodProperties + certProperties);
            Path root = dir.resolve("staging");
            TestSpecs.stage(root, StagingLayout.spec(spec.specHash()), yaml);
            Path certOnly = dir.resolve("cert.properties");
            Files.writeString(certOnly, certProperties);

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
            Path stage = Files.createDirectories(dir.resolve("stage"));
            DistrictStage.stage(prod, spec, DISTRICT, new FileSystemStaging(root), RUN_ID, stage);
            if (graph) {
                GraphStage.stage(prodGraph.driver(), spec, DISTRICT, new FileSystemStaging(root), RUN_ID, stage);
                GraphTarget.prepare("sp", certGraph.driver(), InitTarget.mergeKeys(spec.spec(), "sp"),
                        List.of(GraphTarget.storeId(prodGraph.driver())));
                config.put("ferry.test.loader.fingerprint.sp",
                        new Neo4jIntrospector().constraintsFingerprint(certGraph.driver(), "sp"));
                config.put("ferry.test.loader.cert-url.sp", certGraph.boltUri().toString());
            }

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
        // PROD is the JVM's (SharedProdEstate)
        prod = null;
        if (cert != null) {
            cert.close();
            cert = null;
        }
        if (certGraph != null) {
            certGraph.close();
        }
        prodGraph = null;
        certGraph = null;
        // The staging folder stays under target/ for a look after a failure; mvn clean removes it.
    }
}
