package io.ferry.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.demo.Demo;
import io.ferry.cli.estate.EstateLayout;
import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.parse.EstateProperties;
import io.ferry.spec.parse.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench}: migrates the top-ranked district of an estate end to end as {@code ferry demo} does (the
 * large preset by default), on services and servers warmed up first ({@link WarmUpRun}: the next district migrated
 * into CERT and rolled back, then a dry run of the measured one), then
 * measures the baseline of the same rows moved without Ferry ({@link Baseline}),
 * and writes the figures as JSON and Markdown; with {@code --runs N}, N measured runs (each rolling the one before
 * back) and N baselines, as a {@link BenchSeries}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Migrate the top-ranked district end to end on the embedded estate (large by default, or the one"
                + " running in DIR), after a warm-up (unless --cold): the next district migrated and rolled back, then"
                + " a dry run of the measured one,"
                + " and print the time per phase and in total, rows/s per phase and each service's peak"
                + " RSS; then the baseline in the same run: Ferry's closure computation alone, binary COPY of exactly"
                + " those rows out of PROD and into an empty copy of CERT's tables, and the ratios. Writes"
                + " DIR/bench/bench-TIME.json and .md (with --runs N, every run and the medians).")
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> SERVICES = List.of("extractor", "anonymizer", "validator", "loader", "coordinator");

    @Option(names = "--dir", paramLabel = "DIR", description = "Bench directory (default: .ferry-bench): DIR/estate,"
            + " DIR/logs, DIR/bench.")
    Path dir = Path.of(".ferry-bench");

    @Option(names = "--preset", defaultValue = "large", paramLabel = "small|medium|large",
            description = "Estate size when DIR holds none yet (default: ${DEFAULT-VALUE}); the report names it, so"
                    + " keep it the estate's when reusing one.")
    String preset = "large";

    @Option(names = "--cold", description = "Measure the services' first run: no warm-up runs before the measured"
            + " one.")
    boolean cold;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N", description = "Measured runs (default:"
            + " ${DEFAULT-VALUE}): each after the first rolls the one before back and migrates the district again; each"
            + " gets a baseline of its own, and the report gives every run and the medians.")
    int runs = 1;

    /** The CPU counters of the services and the estate's servers at one moment. */
    private record Mark(Map<String, ServiceCpu> services, Map<String, Double> estate, ServiceCpu graphJvm) {
    }

    /** One measured run: its report from the API, and what the processes spent from its mark to its end. */
    private record Measured(JsonNode report, Map<String, Long> rss, Map<String, ServiceCpu> cpu,
            Map<String, Double> estateCpu, ServiceCpu graphJvmCpu) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new FerryException(ExitCodes.USAGE, "--runs must be 1 or more (it was " + runs + ")");
        }
        Path home = Path.of(System.getProperty("ferry.home", ".")).toAbsolutePath().normalize();
        Path bench = dir.toAbsolutePath().normalize();
        Demo demo = new Demo(bench, home, preset, false, System.out);
        try {
            EstateLayout layout = new EstateLayout(bench.resolve("estate"));
            Mark[] first = {null};
            WarmUpRun.Done[] warmUp = {null};
            Demo.Migration migration = demo.migrateAndKeep((api, district) -> {
                WarmUpRun warmUpRun = new WarmUpRun(api, System.out);
                warmUpRun.takeOutEarlierLoads(district);
                if (!cold) {
                    warmUp[0] = warmUpRun.run(district);
                }
                first[0] = mark(bench, layout);
            });
            EstateProperties properties = EstateProperties.read(bench.resolve("demo.properties"));
            ApiClient api = ApiClient.basic(properties.require("api.url"), properties.require("api.user"),
                    properties.require("api.password"));
            List<Measured> measured = new ArrayList<>();
            measured.add(measured(api, migration.runId(), first[0], bench, layout));
            String district = measured.get(0).report().path("district").asText();
            WarmUpRun again = new WarmUpRun(api, System.out);
            for (int i = 2; i <= runs && migration.code() == ExitCodes.OK; i++) {
                again.rollBack(measured.get(measured.size() - 1).report().path("runId").asText(), district);
                Mark mark = mark(bench, layout);
                String runId = again.migrate(district, "measured run " + i + " of " + runs);
                measured.add(measured(api, runId, mark, bench, layout));
            }
            demo.stopServices();
            System.out.println();
            System.out.println("bench: the baseline (closure alone, COPY out of PROD, COPY into an empty copy of CERT)"
                    + (measured.size() > 1 ? ", " + measured.size() + " times" : ""));
            List<Baseline.Result> baselines = Baseline.measure(SpecSession.open(layout.spec()).spec(),
                    Resolver.forFolder(layout.dir()), EstateProperties.read(layout.properties()), district,
                    measured.size());
            List<BenchReport> reports = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                Measured m = measured.get(i);
                reports.add(report(m.report(), warmUp[0], m.rss(), m.cpu(), m.estateCpu(), m.graphJvmCpu(),
                        baselines.get(i), preset));
            }
            write(reports, bench.resolve("bench"));
            return migration.code() == ExitCodes.OK ? ExitCodes.OK : ExitCodes.NOT_OK;
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "the baseline failed (SQLSTATE " + e.getSQLState() + ")");
        } finally {
            demo.stop();
        }
    }

    private static Mark mark(Path bench, EstateLayout layout) {
        Map<String, ServiceCpu> services = new LinkedHashMap<>();
        try {
            services.putAll(ServiceCpu.ofServices(bench, SERVICES));
        } catch (IOException e) {
            // no services.pids: the report leaves CPU out
        }
        Map<String, Double> estate = ProcessTreeCpu.seconds(estateRoots(layout)).orElse(null);
        return new Mark(services, estate, graphJvm(layout).orElse(null));
    }

    private static Measured measured(ApiClient api, String runId, Mark before, Path bench, EstateLayout layout)
            throws IOException {
        Map<String, Long> rss = PeakMemory.ofServices(bench, SERVICES);
        Map<String, ServiceCpu> cpu = ServiceCpu.since(ServiceCpu.ofServices(bench, SERVICES), before.services());
        Map<String, Double> estateCpu = before.estate() == null ? null
                : ProcessTreeCpu.seconds(estateRoots(layout)).map(now -> since(now, before.estate())).orElse(null);
        ServiceCpu graphJvmCpu = before.graphJvm() == null ? null
                : graphJvm(layout).map(now -> now.since(before.graphJvm())).orElse(null);
        return new Measured(api.get("/runs/" + runId + "/report"), rss, cpu, estateCpu, graphJvmCpu);
    }

    /**
     * The estate's JVM, split as a service's is: its JIT compilers are busy in a measured run too (12.5 of its 46.8
     * CPU-s in one run whose warm-up stopped short of CERT), since a freshly started estate has not compiled what a
     * long-running server has.
     */
    private static Optional<ServiceCpu> graphJvm(EstateLayout layout) {
        return Optional.ofNullable(estateRoots(layout).get(BenchReport.GRAPH_JVM)).flatMap(ServiceCpu::of);
    }

    /** The estate's servers as {@code estate up} recorded their pids: its PostgreSQL servers and its JVM. */
    private static Map<String, String> estateRoots(EstateLayout layout) {
        EstateProperties estate = EstateProperties.readIfPresent(layout.properties());
        Map<String, String> roots = new LinkedHashMap<>();
        estate.get("prod.pg.pid").ifPresent(pid -> roots.put("PROD PostgreSQL", pid));
        estate.get("cert.pg.pid").ifPresent(pid -> roots.put("CERT PostgreSQL", pid));
        estate.get("pid").ifPresent(pid -> roots.put(BenchReport.GRAPH_JVM, pid));
        return roots;
    }

    /** Per server, the CPU seconds from {@code before} to {@code now}, rounded to the tick; servers gone are left out. */
    static Map<String, Double> since(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> spent = new LinkedHashMap<>();
        now.forEach((server, seconds) -> {
            if (before.containsKey(server)) {
                spent.put(server, Math.round((seconds - before.get(server)) * ServiceCpu.TICKS_PER_SECOND)
                        / (double) ServiceCpu.TICKS_PER_SECOND);
            }
        });
        return spent;
    }

    private static BenchReport report(JsonNode run, WarmUpRun.Done warmUp, Map<String, Long> rss,
            Map<String, ServiceCpu> cpu, Map<String, Double> estateCpu, ServiceCpu graphJvmCpu, Baseline.Result baseline,
            String preset) {
        List<BenchReport.Phase> phases = new ArrayList<>();
        long rows = 0;
        for (JsonNode p : run.path("phases")) {
            Long phaseRows = p.path("rows").isNumber() ? p.path("rows").asLong() : null;
            phases.add(new BenchReport.Phase(p.path("phase").asText(), p.path("seconds").asDouble(), phaseRows));
            if (p.path("phase").asText().equals("extract") && phaseRows != null) {
                rows = phaseRows;
            }
        }
        double total = Duration.between(Instant.parse(run.path("startedAt").asText()),
                Instant.parse(run.path("endedAt").asText())).toMillis() / 1000.0;
        return new BenchReport(Instant.now().toString(), machine(), Runtime.getRuntime().availableProcessors(), preset,
                run.path("district").asText(), run.path("runId").asText(), run.path("status").asText(),
                warmUp == null ? null : warmUp.dryRun(), warmUp == null ? null : warmUp.loadedAndRolledBack(), rows,
                total, phases, rss, cpu, estateCpu, graphJvmCpu, BenchReport.BaselineFigures.of(baseline));
    }

    /** One run as {@link BenchReport}; several as a {@link BenchSeries} of them, with their medians. */
    private static void write(List<BenchReport> reports, Path folder) throws IOException {
        Files.createDirectories(folder);
        String name = "bench-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        String markdown;
        if (reports.size() == 1) {
            markdown = reports.get(0).markdown();
            JSON.writeValue(folder.resolve(name + ".json").toFile(), reports.get(0));
        } else {
            BenchSeries series = new BenchSeries(reports);
            markdown = series.markdown();
            JSON.writeValue(folder.resolve(name + ".json").toFile(), series);
        }
        Files.writeString(folder.resolve(name + ".md"), markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("bench: " + folder.resolve(name + ".json") + " and " + folder.resolve(name + ".md"));
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(memory / 1073741824.0) + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
