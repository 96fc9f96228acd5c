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
import java.util.regex.Pattern;
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

    private static final Pattern LOG_PUNCTUATION = Pattern.compile("[=:\"'()\\[\\]{}<>]");

    private final LeakKey key;
    private final LeakHashes sources;
    private final List<Path> skipped = new ArrayList<>();

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
            if (compressed(file)) {
                skipped.add(file);
                continue;
            }
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

    /** Files {@link #scan} could not read as text (compressed logs): the caller says so. */
    List<Path> skipped() {
        return List.copyOf(skipped);
    }

    private static boolean compressed(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
            boolean zstd = head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                    && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd;
            return gzip || zip || zstd;
        }
    }

    /**
     * The keyed hashes of a line's tokens that are among the run's sources. A log line wraps values in more than
     * whitespace ({@code email=x}, {@code "email":"x"}, PostgreSQL's {@code Key (email)=(x)}): those characters
     * separate tokens here too.
     */
    List<String> hashesIn(String line) {
        List<String> found = new ArrayList<>();
        LeakTokens.candidates(LOG_PUNCTUATION.matcher(line).replaceAll(" "), token -> {
            long h = key.hash(token);
            if (sources.contains(h) && !found.contains(LeakKey.hex(h))) {
                found.add(LeakKey.hex(h));
            }
        });
        return found;
    }
}
