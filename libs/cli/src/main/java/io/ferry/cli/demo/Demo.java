package io.ferry.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cert.InitTarget;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.RunWatch;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.estate.EstateArgs;
import io.ferry.cli.estate.EstateLauncher;
import io.ferry.cli.estate.EstateLayout;
import io.ferry.cli.estate.EstateStopper;
import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One demo: the estate in {@code DIR/estate} (brought up unless it is), CERT prepared as {@code ferry init-target}
 * does, the demo's keys, the five services started from their packaged applications, the top-ranked district
 * migrated through the coordinator's API, the services' logs scanned for honeytokens, and the report's summary.
 * Without {@code --keep} it stops what it started at the end or on Ctrl-C.
 */
public final class Demo {

    /** The API user the demo creates; it holds every role. */
    static final String USER = "demo";

    private final Path dir;
    private final Path repo;
    private final String preset;
    private final boolean keep;
    private final PrintStream out;
    private final EstateLayout layout;
    private final ServiceProcesses services;
    private final ServicePorts ports = ServicePorts.belowEphemeral(ServicePorts.EPHEMERAL_RANGE);
    private boolean estateStarted;

    /**
     * @param dir  the demo folder (absolute)
     * @param repo the repository root, where the services' packaged applications are
     */
    public Demo(Path dir, Path repo, String preset, boolean keep, PrintStream out) {
        this.dir = dir;
        this.repo = repo;
        this.preset = preset;
        this.keep = keep;
        this.out = out;
        this.layout = new EstateLayout(dir.resolve("estate"));
        this.services = new ServiceProcesses(dir, out::println);
    }

    /**
     * Arms a crash test's kill point ({@code io.ferry.service.faults.KillPoint}) in one of the running demo's services,
     * without restarting it: it dies there once and the supervisor starts it again unarmed.
     */
    public void armKillPoint(String service, String point) {
        armKillPoint(service, point, 0);
    }

    /** The same, the point passed {@code skip} times before it halts the service. */
    public void armKillPoint(String service, String point, int skip) {
        services.arm(service, point, skip);
    }

    /** Disarms a point {@link #armKillPoint} armed in {@code service} that it never reached. */
    public void disarm(String service) {
        services.disarm(service);
    }

    /**
     * Starts another process of a running service ({@code extractor}, {@code anonymizer}, ...) as {@code name}, on a
     * free port, in the same consumer groups, with {@code settings} added (a kill point, say), and waits until it
     * is ready; its log is {@code DIR/logs/<name>.log}.
     *
     * @param restartOnExit false: when it dies it stays dead, so the others must take its work over
     */
    public void addReplica(String service, String name, Map<String, String> settings, boolean restartOnExit) {
        services.addReplica(service, name, ports.next(), settings, restartOnExit);
    }

    /** Stops a replica {@link #addReplica} started, for good; a name that is not running is left alone. */
    public void removeReplica(String name) {
        services.removeReplica(name);
    }

    /** The system properties that arm a kill point ({@code io.ferry.service.faults.KillPoint}) in a replica. */
    public static Map<String, String> killPoint(String point, int skip) {
        return Map.of(ServiceProcesses.KILL_POINT, point, ServiceProcesses.KILL_SKIP, Integer.toString(skip));
    }

    /** What the demo's migration gave: its exit code and the run. */
    public record Migration(int code, String runId) {
    }

    public int run() throws InterruptedException {
        return run(migration -> {
        });
    }

    /**
     * {@link #run()}, calling {@code afterRun} once the migration has ended, while everything still runs: a demo
     * without {@code --keep} stops what it started when it returns (the end-to-end tests share one demo this way and
     * still see it stop at the end).
     */
    public int run(AfterRun afterRun) throws InterruptedException {
        this.afterRun = afterRun;
        return start(true).code();
    }

    /** What a caller of {@link #run(AfterRun)} does with the running demo once its migration has ended. */
    @FunctionalInterface
    public interface AfterRun {
        void run(Migration migration) throws InterruptedException;
    }

    /**
     * Brings everything up and migrates the top-ranked district, leaving it all running whatever {@code keep} says
     * (for {@code ferry bench}, which measures the services afterwards); {@link #stop} stops it.
     */
    public Migration migrateAndKeep() throws InterruptedException {
        return migrateAndKeep((api, district) -> {
        });
    }

    /** {@link #migrateAndKeep()}, calling {@code beforeRun} once the services are ready, just before the run starts. */
    public Migration migrateAndKeep(BeforeRun beforeRun) throws InterruptedException {
        this.beforeRun = beforeRun;
        return start(false);
    }

    /** What {@code ferry bench} does once the services are ready and the district is chosen. */
    @FunctionalInterface
    public interface BeforeRun {
        void run(ApiClient api, String district) throws InterruptedException;
    }

    private BeforeRun beforeRun = (api, district) -> {
    };
    private AfterRun afterRun = migration -> {
    };

    /** Stops the services and, if this demo brought it up, the estate. */
    public void stop() {
        stopAll();
    }

    /** Stops the services only: the estate stays up (until {@link #stop}). */
    public void stopServices() {
        services.stop();
    }

    private Migration start(boolean own) throws InterruptedException {
        boolean stopAtEnd = own && !keep;
        if (ServiceProcesses.running(dir)) {
            throw new FerryException(ExitCodes.CONFLICT, "a demo is already running in " + dir + "; stop it with"
                    + " 'ferry demo stop --dir " + dir + "' or choose another --dir");
        }
        Thread cleanup = new Thread(this::stopAll, "ferry-demo-stop");
        if (stopAtEnd) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        try {
            EstateArgs args = new EstateArgs();
            args.preset = preset;
            estateStarted = new EstateLauncher(layout).ensureUp(args);
            EstateProperties estate = EstateProperties.read(layout.properties());
            DemoSecrets secrets = DemoSecrets.ensure(layout.dir());
            prepareCert();
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            List<PhaseService> list = new ArrayList<>();
            for (String name : PhaseService.NAMES) {
                list.add(PhaseService.of(name, repo, dir, layout.dir(), estate, secrets, ports.next(), USER, password));
            }
            out.println("demo: starting the five services (logs in " + ServiceProcesses.logs(dir) + ")");
            services.start(list);
            String api = "http://127.0.0.1:" + list.get(list.size() - 1).settings().get("quarkus.http.port");
            writeDemoProperties(api, password);
            Migration migration = migrate(ApiClient.basic(api, USER, password), estate);
            afterRun.run(migration);
            if (keep && own) {
                out.println();
                out.println("demo: everything keeps running. API: " + api + "   Swagger UI: " + api + "/q/swagger-ui");
                out.println("      credentials in " + dir.resolve("demo.properties"));
                out.println("      try:  curl -u " + USER + ":" + password + " " + api + "/runs");
                out.println("      stop: ./ferry demo stop --dir " + dir);
            }
            return migration;
        } finally {
            if (stopAtEnd) {
                stopAll();
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook runs (and finds nothing left to stop)
                }
            }
        }
    }

    /** The migration itself: the top-ranked district, followed to its end, then the logs and the report. */
    private Migration migrate(ApiClient api, EstateProperties estate) throws InterruptedException {
        JsonNode districts = api.get("/districts").path("districts");
        if (districts.isEmpty()) {
            throw new FerryException(ExitCodes.NOT_OK, "the extractor found no district in PROD");
        }
        String district = districts.get(0).path("id").asText();
        beforeRun.run(api, district);
        JsonNode run = api.post("/runs", Map.of("district", district));
        String runId = run.path("runId").asText();
        out.println("demo: run " + runId + " for " + district + " (rank 1 of " + districts.size() + ")");
        JsonNode ended = new RunWatch(api, out, true).follow(runId, SpecSession.open(layout.spec()).spec().stores().size());
        String status = ended.path("status").asText();
        List<LogScan.Hit> hits = LogScan.scan(layout.dir().resolve("honeytokens.json"), ServiceProcesses.logs(dir));
        out.println();
        out.println(hits.isEmpty() ? "Logs: no honeytoken in " + ServiceProcesses.logs(dir)
                : "Logs: " + hits.size() + " honeytoken(s) found: " + hits);
        printSummary(api, runId, Path.of(estate.require("staging.root")));
        if (!status.equals("SUCCEEDED")) {
            out.println("The run ended " + status + ": " + ended.path("reason").asText());
        }
        return new Migration(status.equals("SUCCEEDED") && hits.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_OK, runId);
    }

    /** The report's summary as the API renders it, and where the coordinator wrote the three reports. */
    private void printSummary(ApiClient api, String runId, Path staging) throws InterruptedException {
        String markdown = api.text("/runs/" + runId + "/report.md");
        int phases = markdown.indexOf("\n## Phases");
        out.println();
        out.println((phases < 0 ? markdown : markdown.substring(0, phases)).strip());
        Path written = staging.resolve("reports");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(written.resolve(runId + ".html")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        // Copied out of staging: stopping the estate deletes its data, staging included.
        Path reports = dir.resolve("reports");
        out.println();
        String label = "Reports: ";
        for (String format : List.of("json", "md", "html")) {
            Path report = reports.resolve(runId + "." + format);
            try {
                Files.createDirectories(reports);
                Files.copy(written.resolve(runId + "." + format), report, StandardCopyOption.REPLACE_EXISTING);
                out.println(label + report);
            } catch (IOException e) {
                out.println(label + "(" + format + " not written: " + e.getClass().getSimpleName() + ")");
            }
            label = "         ";
        }
    }

    /** CERT's stores prepared as {@code ferry init-target} does, as the estate's superuser (idempotent). */
    private void prepareCert() {
        try {
            InitTarget.run(SpecSession.open(layout.spec()).spec(), Resolver.forFolder(layout.dir()),
                    new InitTarget.Admin("postgres", null));
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "preparing CERT failed (SQLSTATE " + e.getSQLState() + ")");
        }
    }

    private void writeDemoProperties(String api, String password) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("api.url", api);
        values.put("api.user", USER);
        values.put("api.password", password);
        Path file = dir.resolve("demo.properties");
        new EstateProperties(values).write(file);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // the file keeps the folder's permissions
        }
    }

    private void stopAll() {
        services.stop();
        if (estateStarted) {
            new EstateStopper(layout).stop();
            estateStarted = false;
        }
    }
}
