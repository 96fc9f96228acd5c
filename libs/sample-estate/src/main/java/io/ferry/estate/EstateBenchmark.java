package io.ferry.estate;

import io.ferry.testkit.neo4j.Neo4jServer;
import io.ferry.testkit.postgres.PostgresServer;
import java.time.Instant;
import java.util.Locale;

/**
 * Generates an estate on fresh temporary servers and prints how long it took and the rows per
 * store. Usage: {@code EstateBenchmark [preset=large] [runs=1] [seed=1] [asOf=2025-03-14T12:00:00Z]}.
 * Server start and stop are not timed.
 */
public final class EstateBenchmark {
    private EstateBenchmark() {
    }

    public static void main(String[] args) {
        Preset preset = Preset.parse(args.length > 0 ? args[0] : "large");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        Instant asOf = Instant.parse(args.length > 3 ? args[3] : "2025-03-14T12:00:00Z");
        median(new EstateOptions(preset, seed, asOf, new Credentials("ferry_reader", "reader", "ferry_writer", "writer")),
                runs);
    }

    /** Generates {@code runs} times on fresh servers, prints each run and the median; returns the median seconds. */
    public static double median(EstateOptions options, int runs) {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            seconds[i] = run(options);
        }
        java.util.Arrays.sort(seconds);
        double median = seconds[runs / 2];
        System.out.printf(Locale.ROOT, "estate %s: median %.1f s over %d run(s)%n", options.preset().id(), median, runs);
        return median;
    }

    /** One timed generation on fresh temporary servers; returns seconds. */
    public static double run(EstateOptions options) {
        try (PostgresServer prodPg = PostgresServer.startTemporary();
             PostgresServer certPg = PostgresServer.startTemporary();
             Neo4jServer prodSp = Neo4jServer.startTemporary();
             Neo4jServer certSp = Neo4jServer.startTemporary()) {
            long t0 = System.nanoTime();
            timed(new EstateServers(prodPg, certPg, prodSp, certSp), options);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Generates on the given servers and prints the time, the rows per store and the top district's footprint. */
    public static EstateReport timed(EstateServers servers, EstateOptions options) {
        long t0 = System.nanoTime();
        EstateReport r = SampleEstate.generate(servers, options);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "estate %s generated in %.1f s: %,d PROD records %s%n", options.preset().id(), s,
                r.totalRows(), r.prodRowsPerStore());
        DistrictSummary d1 = r.rank(1);
        System.out.printf(Locale.ROOT, "  %s: %,d students, %,d staff, %,d schools, rows %s%n", d1.code(), d1.students(),
                d1.staff(), d1.schools(), d1.rowsPerStore());
        return r;
    }
}
