package io.ferry.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.cli.api.ApiClient;
import io.ferry.cli.api.RunWatch;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the bench runs before the measured run, so that it times services and servers in their steady state, as a
 * deployment's are after many runs.
 *
 * <p>First the next-ranked district is migrated into CERT and rolled back, twice: that warms what a dry run never
 * reaches, the loader and CERT's servers' write paths. Without it the JVM that holds the CERT graph spent 12.5 CPU-s
 * of one measured run in its JIT compilers, 8 of them during the load (a {@code /proc} sample of its threads,
 * 2026-11-28). Once was not enough: a rollback frees the graph's node and relationship ids, the next load reuses
 * them, and a graph server that had never reused an id threw away its compiled write path in the measured run and
 * compiled it again (JFR of the estate's JVM, 2026-11-29: deoptimizations in Neo4j's id generator, then 15 of 17 s of
 * compiling at C2's level). The second migration takes that path before the measured run does, as any CERT that has
 * seen a rollback has. CERT's tables hold afterwards what they held before (compensation proves it; as after any
 * rollback, sequences stay moved forward and the district keeps its key map, so the second migration lands on the
 * first one's keys), and the measured run loads into the same CERT.
 *
 * <p>Then a dry run of the measured district itself: the JIT compilers have then compiled the code real data takes
 * (the closure engine, PROD's drivers), at the scale the measured run takes it, which neither the services' own
 * made-up warm-ups nor a smaller district reach (on the large estate the next district is a sixth of district-001,
 * and after a dry run of it the extractor still spent 11-14 CPU-s of the measured run compiling).
 */
final class WarmUpRun {

    /** What ran before the measured run: the district dry-run, and the one loaded and rolled back (or null). */
    record Done(String dryRun, String loadedAndRolledBack) {
    }

    /** How many times the next district is migrated and rolled back (see the class comment for why twice). */
    static final int LOADS = 2;

    private final ApiClient api;
    private final PrintStream out;

    WarmUpRun(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    Done run(String measured) throws InterruptedException {
        String next = nextDistrict(measured);
        for (int round = 1; next != null && round <= LOADS; round++) {
            String runId = start(next, false, "a migration of " + next + " into CERT, rolled back after (" + round
                    + " of " + LOADS + ")");
            follow(runId, next, "SUCCEEDED");
            api.post("/runs/" + runId + "/rollback", null);
            out.println("bench: warm-up, rolling " + runId + " back");
            follow(runId, next, "COMPENSATED");
        }
        follow(start(measured, true, "a dry run of " + measured), measured, "SUCCEEDED");
        return new Done(measured, next);
    }

    /**
     * Rolls back every run of the measured district that CERT still holds (an earlier bench on this estate left its
     * measured run loaded), newest first, so that this bench measures the same work: otherwise validation finds the
     * district's rows in CERT already and the run fails. Returns the runs rolled back.
     */
    List<String> takeOutEarlierLoads(String measured) throws InterruptedException {
        List<String> rolledBack = new ArrayList<>();
        JsonNode runs = api.get("/runs?status=SUCCEEDED&district=" + URLEncoder.encode(measured, StandardCharsets.UTF_8)
                + "&size=500");
        for (JsonNode run : runs) {
            boolean loaded = !run.path("dryRun").asBoolean() && !run.path("skipLoad").asBoolean()
                    && !run.path("loadedStores").isEmpty();
            if (!loaded) {
                continue;
            }
            String runId = run.path("runId").asText();
            out.println("bench: " + measured + " is in CERT from " + runId + " (an earlier run on this estate),"
                    + " rolling it back first");
            api.post("/runs/" + runId + "/rollback", null);
            follow(runId, measured, "COMPENSATED");
            rolledBack.add(runId);
        }
        return rolledBack;
    }

    /** Rolls a measured run back, for {@code ferry bench --runs}: the next one starts from the CERT the first did. */
    void rollBack(String runId, String district) throws InterruptedException {
        out.println("bench: rolling " + runId + " back for the next measured run");
        api.post("/runs/" + runId + "/rollback", null);
        follow(runId, district, "COMPENSATED", "the measured run", "");
    }

    /** Migrates {@code district} into CERT once more, a measured run of {@code ferry bench --runs}; its run id. */
    String migrate(String district, String what) throws InterruptedException {
        String runId = api.post("/runs", Map.of("district", district, "dryRun", false)).path("runId").asText();
        out.println("bench: " + what + " (" + runId + ")");
        follow(runId, district, "SUCCEEDED", "the measured run", "");
        return runId;
    }

    /** The best-ranked district after the measured one, or null when the estate has no other. */
    private String nextDistrict(String measured) {
        for (JsonNode district : api.get("/districts").path("districts")) {
            String id = district.path("id").asText();
            if (!id.equals(measured)) {
                return id;
            }
        }
        return null;
    }

    private String start(String district, boolean dryRun, String what) {
        String runId = api.post("/runs", Map.of("district", district, "dryRun", dryRun)).path("runId").asText();
        out.println("bench: warm-up, " + what + " (" + runId + "), not measured");
        return runId;
    }

    private void follow(String runId, String district, String expected) throws InterruptedException {
        follow(runId, district, expected, "the warm-up run", ", or bench with --cold");
    }

    /** @param remedy what else the operator may do, after "see 'ferry report ...'" */
    private void follow(String runId, String district, String expected, String which, String remedy)
            throws InterruptedException {
        JsonNode ended = new RunWatch(api, out, true).follow(runId, 0);
        String status = ended.path("status").asText();
        if (!status.equals(expected)) {
            throw new FerryException(ExitCodes.NOT_OK, which + " " + runId + " of " + district + " ended " + status
                    + " (not " + expected + "): see 'ferry report " + runId + "'" + remedy);
        }
    }
}
