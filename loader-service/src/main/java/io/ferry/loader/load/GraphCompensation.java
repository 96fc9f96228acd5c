package io.ferry.loader.load;

import io.ferry.cert.GraphTarget;
import io.ferry.contracts.messages.CompensateResult.BlockedRow;
import io.ferry.contracts.messages.CompensateResult.TableProof;
import io.ferry.loader.load.PgCompensation.Compensation;
import io.ferry.loader.load.PgCompensation.Outcome;
import io.ferry.loader.load.PgCompensation.Undone;
import io.ferry.schema.model.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Takes a run back out of one CERT graph ({@link GraphTakeOut}), with the same outcomes as {@link PgCompensation}:
 * rows testers changed or attached to stop it unless forced, the proof after must equal the one the load kept, and
 * the run's {@code :FerryRun} node becomes {@code compensated}. A graph has no transaction around all of this: each
 * step can run again, so a compensation that stopped half-way is finished by the next request.
 */
public final class GraphCompensation {

    private final LoadTimeouts timeouts;

    public GraphCompensation(LoadTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /** When the run's load into this graph finished; empty when it is not loaded here. */
    public static Optional<java.time.Instant> loadedAt(Driver cert, String runId) {
        if (GraphTarget.marker(cert).isEmpty()) {
            return Optional.empty();
        }
        try (var session = cert.session()) {
            var found = session.run("MATCH (r:" + GraphTarget.RUN + " {runId: $run, status: 'loaded'}) RETURN r.finishedAt"
                    + " AS at", Map.of("run", runId)).list();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).get("at").asZonedDateTime().toInstant());
        }
    }

    /** The rows that would stop compensating the run here; nothing is changed. */
    public List<BlockedRow> blocked(Driver cert, String store, String runId) {
        if (GraphTarget.marker(cert).isEmpty()) {
            return List.of();
        }
        GraphRun run = new GraphRun(cert, store, timeouts);
        if (!"loaded".equals(run.status(runId))) {
            return List.of();
        }
        return new GraphTakeOut(cert, store, runId, run.written(runId), timeouts).blocked();
    }

    public Compensation compensate(Driver cert, String store, String runId, boolean force) {
        GraphStoreLoad.guard(cert, store);
        GraphRun run = new GraphRun(cert, store, timeouts);
        try {
            String status = run.status(runId);
            if (status == null) {
                return new Compensation(Outcome.NOT_LOADED, Map.of(), Map.of(), List.of(), Map.of());
            }
            if (status.equals("compensated") || status.equals("superseded")) {
                return new Compensation(Outcome.ALREADY_COMPENSATED, run.proof(runId, "proofBefore"),
                        run.proof(runId, "proofAfter"), List.of(), Map.of());
            }
            GraphTakeOut out = new GraphTakeOut(cert, store, runId, run.written(runId), timeouts);
            if (status.equals("loading")) {
                // A load that stopped half-way: its writes go, and with them the record of it.
                Map<TableId, Undone> undone = undo(out);
                run.forget(runId);
                return new Compensation(Outcome.COMPENSATED, Map.of(), Map.of(), List.of(), undone);
            }
            List<BlockedRow> blocked = out.blocked();
            if (!blocked.isEmpty() && !force) {
                return new Compensation(Outcome.BLOCKED, Map.of(), Map.of(), blocked, Map.of());
            }
            if (!blocked.isEmpty()) {
                out.force();
            }
            Map<TableId, Undone> undone = undo(out);
            Map<TableId, TableProof> before = run.proof(runId, "proofBefore");
            Map<TableId, TableProof> after = checked(store, runId, out, before);
            run.takenOut(runId, "compensated", null, after);
            return new Compensation(Outcome.COMPENSATED, before, after, blocked, undone);
        } catch (Neo4jException e) {
            throw new LoadFailedException(store, "compensating run " + runId + " failed (" + e.code() + "); what was"
                    + " taken out stays out, and compensating again finishes it", e);
        }
    }

    /** A refresh's first half: the replaced run out of the graph, marked superseded by the new one. */
    static void supersede(Driver cert, String store, String replaced, String by, LoadTimeouts timeouts) {
        GraphRun run = new GraphRun(cert, store, timeouts);
        if (!"loaded".equals(run.status(replaced))) {
            return;
        }
        GraphTakeOut out = new GraphTakeOut(cert, store, replaced, run.written(replaced), timeouts);
        List<BlockedRow> blocked = out.blocked();
        if (!blocked.isEmpty()) {
            throw new LoadRefusedException(store, "run " + replaced + ", which this refresh replaces, has nodes testers"
                    + " changed or attached to since it loaded (" + blocked.size() + " listed, first: "
                    + blocked.get(0).table() + " " + blocked.get(0).key() + "); roll it back with --force first, or ask"
                    + " the testers");
        }
        undo(out);
        run.takenOut(replaced, "superseded", by, checked(store, replaced, out, run.proof(replaced, "proofBefore")));
    }

    private static Map<TableId, Undone> undo(GraphTakeOut out) {
        Map<TableId, Undone> undone = new LinkedHashMap<>();
        out.apply().forEach((t, n) -> undone.put(t, new Undone(n[0], n[1])));
        return undone;
    }

    private static Map<TableId, TableProof> checked(String store, String runId, GraphTakeOut out,
            Map<TableId, TableProof> before) {
        Map<TableId, TableProof> after = out.proofs(false);
        if (!after.equals(before)) {
            throw new LoadFailedException(store, "after taking run " + runId + " out, the nodes under its keys do not"
                    + " match the proof kept at load (before " + before + ", after " + after + "); compensating again"
                    + " retries", null);
        }
        return after;
    }
}
