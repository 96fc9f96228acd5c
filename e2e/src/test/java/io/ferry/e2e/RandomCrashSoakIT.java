package io.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.cli.spec.SpecSession;
import io.ferry.spec.model.Spec;
import io.ferry.spec.parse.EstateProperties;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Under {@code -Psoak}: many crash rounds ({@code -Dferry.crash.rounds}, default 8), each killing a service picked at
 * random at a random pass of its kill point (the k-th batch, store or send), with a printed seed
 * ({@code -Dferry.crash.seed} replays a sequence). Every run completes with CERT exactly as undisturbed and no raw
 * batch left. A point the run never passed that often kills nothing; the round still checks the run.
 */
class RandomCrashSoakIT {

    /** A kill point and how many times a small district's run passes it at least (the skip is drawn below that). */
    private record Point(String service, String name, int passes) {
    }

    private static final List<Point> POINTS = List.of(
            new Point("extractor", "extractor.mid-copy", 5),
            new Point("anonymizer", "anonymizer.after-publish", 30),
            new Point("loader", "loader.after-commit", 5),
            new Point("coordinator", "coordinator.after-send", 20));

    @Test
    void everyRandomlyKilledRunEndsWithCertAsUndisturbed() throws Exception {
        long seed = Long.getLong("ferry.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("ferry.crash.rounds", 8);
        System.out.println("RandomCrashSoakIT: seed " + seed + ", " + rounds + " rounds (-Dferry.crash.seed=" + seed
                + " replays them)");
        Random random = new Random(seed);
        SharedDemo shared = SharedDemo.get();
        String lastRun = shared.loaded("district-001");
        Spec spec = SpecSession.open(shared.dir.resolve("estate/ferry.yaml")).spec();
        EstateProperties estate = EstateProperties.read(shared.dir.resolve("estate/estate.properties"));
        CrashRound round = new CrashRound(shared, spec, estate, CertContents.of(spec, estate));
        int kills = 0;
        for (int i = 1; i <= rounds; i++) {
            Point point = POINTS.get(random.nextInt(POINTS.size()));
            int skip = random.nextInt(point.passes());
            lastRun = round.run(lastRun, point.service(), point.name(), skip);
            boolean killed = round.killed(point.service(), point.name());
            if (!killed) {
                shared.demo.disarm(point.service());
            }
            kills += killed ? 1 : 0;
            System.out.println("RandomCrashSoakIT: round " + i + ": " + point.name() + " after " + skip + " pass(es): "
                    + (killed ? "killed and restarted" : "not reached") + "; run " + lastRun + " SUCCEEDED");
            round.assertRecovered(lastRun);
        }
        assertThat(kills).as("rounds whose service was killed").isPositive();
    }
}
