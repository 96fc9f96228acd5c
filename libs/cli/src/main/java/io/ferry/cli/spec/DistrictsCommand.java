package io.ferry.cli.spec;

import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.planning.districts.DistrictCatalog;
import io.ferry.planning.districts.DistrictManifest;
import io.ferry.planning.districts.Headcount;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry districts}: every district's estimated size and activity, ranked, for choosing what to copy. */
@Command(name = "districts", mixinStandardHelpOptions = true,
        description = "Estimate every district's footprint per store (one grouped count per owned table along its ownership path, in one read-only snapshot per PROD store; graph nodes by their labels' links), its students, staff, schools and latest activity; rank them and write district-manifest.json.")
public final class DistrictsCommand implements Callable<Integer> {

    /** The copy rate when neither option nor spec gives one: a placeholder until the benchmark measures one. */

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec (ferry.yaml).")
    Path spec;

    @Option(names = "--top", defaultValue = "0", paramLabel = "N", description = "Only the first N districts (default all).")
    int top;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Where district-manifest.json is written (default the current directory).")
    Path out;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default) or json (stdout holds only the manifest's JSON).")
    String format;

    @Option(names = "--priority", split = ",", paramLabel = "D1,D2",
            description = "Districts to rank first, in this order (default the spec's districts.priority).")
    List<String> priority = List.of();

    @Option(names = "--count", paramLabel = "NAME=TABLE[:CONDITION]",
            description = "What counts as students, staff or schools, e.g. students=ids.public.person:kind = 'student'"
                    + " (repeatable; replaces the spec's districts.counts entry of that name; without either: an owned"
                    + " 'person' table's kind column and an owned 'school' table).")
    List<String> counts = List.of();

    @Option(names = "--rows-per-second", paramLabel = "N",
            description = "Copy rate behind the estimated time (default the spec's districts.rowsPerSecond, else 17000,"
                    + " Ferry's end-to-end rate as ferry bench measured it).")
    Long rowsPerSecond;

    @Option(names = "--activity-tables", defaultValue = "3", paramLabel = "N", hidden = true,
            description = "How many of the largest owned tables with timestamp columns give the latest activity.")
    int activityTables;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new FerryException(ExitCodes.USAGE, "--format must be 'text' or 'json', not '" + format + "'");
        }
        if (rowsPerSecond != null && rowsPerSecond <= 0) {
            throw new FerryException(ExitCodes.USAGE, "--rows-per-second must be positive");
        }
        List<Headcount> headcounts = new ArrayList<>();
        try {
            counts.forEach(c -> headcounts.add(Headcount.parse(c)));
        } catch (IllegalArgumentException e) {
            throw new FerryException(ExitCodes.USAGE, e.getMessage());
        }
        SpecSession session = SpecSession.open(spec);
        try (ProdSnapshot snapshot = ProdSnapshot.open(session.spec(), spec)) {
            DistrictManifest manifest;
            try {
                manifest = DistrictCatalog.survey(session.spec(), snapshot, Instant.now(), headcounts, priority, top,
                        rowsPerSecond, activityTables);
            } catch (IllegalArgumentException e) {
                throw new FerryException(ExitCodes.USAGE, e.getMessage());
            } catch (NoSuchElementException e) {
                throw new FerryException(ExitCodes.NOT_FOUND, (priority.isEmpty() ? "the spec's districts.priority"
                        : "--priority") + " names " + e.getMessage());
            }
            Path file = manifest.write(out);
            System.err.println("districts: wrote " + file);
            if (format.equals("json")) {
                System.out.println(manifest.json());
            } else {
                print(manifest);
            }
            return ExitCodes.OK;
        }
    }

    private static void print(DistrictManifest manifest) {
        List<String> stores = manifest.districts().isEmpty() ? List.of()
                : manifest.districts().get(0).stores().stream().map(DistrictManifest.StoreRows::store).toList();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-4s %-14s %11s %10s", "RANK", "DISTRICT",
                "ROWS", "BYTES"));
        stores.forEach(s -> head.append(String.format(Locale.ROOT, " %10s", s.toUpperCase(Locale.ROOT))));
        head.append(String.format(Locale.ROOT, " %8s %6s %7s  %-20s %s", "STUDENTS", "STAFF", "SCHOOLS",
                "LAST ACTIVITY", "ETA"));
        System.out.println(head);
        for (DistrictManifest.Entry d : manifest.districts()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4d %-14s %11s %10s", d.rank(), d.id(),
                    String.format(Locale.ROOT, "≈%,d", d.rows()), "≈" + bytes(d.bytesEstimate())));
            d.stores().forEach(s -> line.append(String.format(Locale.ROOT, " %10s",
                    String.format(Locale.ROOT, "≈%,d", s.rows()))));
            line.append(String.format(Locale.ROOT, " %8s %6s %7s  %-20s %s", count(d.students()), count(d.staff()),
                    count(d.schools()), d.lastActivity() == null ? "-" : d.lastActivity(), duration(d.etaSeconds())));
            System.out.println(line);
        }
    }

    private static String count(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    private static String bytes(long n) {
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%d kB", (n + 1023) / 1024);
        }
        return n < 1024L * 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", n / 1048576.0)
                : String.format(Locale.ROOT, "%.1f GB", n / 1073741824.0);
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? String.format(Locale.ROOT, "%d min", (seconds + 59) / 60)
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
