package io.ferry.cli.ops;

import io.ferry.anonymize.leak.LeakHashes;
import io.ferry.anonymize.leak.LeakKey;
import io.ferry.anonymize.leak.LeakTokens;
import io.ferry.contracts.ids.RunId;
import io.ferry.staging.ObjectInfo;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Log files scanned for a run's source identifiers: every token of every line, in the forms the run's leak check
 * hashes output fields in ({@link LeakTokens#candidates}), hashed with the run's leak key and looked up among the
 * hashes its batches left under {@code {runId}/leak/}. A hit names the file, the line and the keyed hash, never the
 * value.
 */
final class LogLeakScan {

    /** A leaked token: where, and its keyed hash (16 hex digits). */
    record Hit(Path file, long line, String hash) {
        @Override
        public String toString() {
            return file + ":" + line + " " + hash;
        }
    }

    private final LeakKey key;
    private final LeakHashes sources;

    LogLeakScan(LeakKey key, LeakHashes sources) {
        this.key = key;
        this.sources = sources;
    }

    /** The run's source hashes, as its batches left them in staging. */
    static LeakHashes sources(Staging staging, String runId, Path tmp) throws IOException {
        List<LeakHashes> sets = new ArrayList<>();
        for (ObjectInfo o : staging.list(StagingLayout.leak(RunId.parse(runId)))) {
            Path file = Files.createTempFile(tmp, "leak-", ".bin");
            try {
                staging.get(o.key(), file);
                sets.add(LeakHashes.read(file));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return LeakHashes.union(sets);
    }

    /** Every regular file under {@code dir}, in path order. */
    List<Hit> scan(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Hit> hits = new ArrayList<>();
        for (Path file : files) {
            // logs may hold bytes that are not UTF-8: read past them rather than stop
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
                String line;
                long number = 0;
                while ((line = r.readLine()) != null) {
                    number++;
                    for (String hash : hashesIn(line)) {
                        hits.add(new Hit(file, number, hash));
                    }
                }
            }
        }
        return hits;
    }

    /** The keyed hashes of a line's tokens that are among the run's sources. */
    List<String> hashesIn(String line) {
        List<String> found = new ArrayList<>();
        LeakTokens.candidates(line, token -> {
            long h = key.hash(token);
            if (sources.contains(h) && !found.contains(LeakKey.hex(h))) {
                found.add(LeakKey.hex(h));
            }
        });
        return found;
    }
}
