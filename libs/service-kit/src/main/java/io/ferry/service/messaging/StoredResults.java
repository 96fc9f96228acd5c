package io.ferry.service.messaging;

import io.ferry.contracts.Json;
import io.ferry.contracts.MessageFormatException;
import io.ferry.contracts.messages.Message;
import io.ferry.staging.Staging;
import io.ferry.staging.StagingKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The results this service completed, kept in staging so that a redelivered request (same kind, key and
 * attempt, hence the same message id) re-publishes its result instead of redoing the work:
 * {@code {runId}/results/{kind}.{store or none}.{attempt}.json}, e.g.
 * {@code mig-20261121060000-001/results/extract.ids.1.json}. They live in the run's folder, so staging
 * gc removes them with the run. Results hold counts, locations and sanitized failures, never row values.
 */
public final class StoredResults {

    private static final Logger LOG = Logger.getLogger(StoredResults.class);
    private static final String RESULTS = "results";
    private static final String NO_STORE = "none";

    private final Staging staging;

    public StoredResults(Staging staging) {
        this.staging = staging;
    }

    /** Which completed result a request asks for. */
    public record Ref(String kind, String runId, String store, int attempt) {

        /** The staging key; {@code store} null is {@code none}. */
        public String key() {
            return StagingKeys.requireKey(runId + "/" + RESULTS + "/" + kind + "." + (store == null ? NO_STORE : store)
                    + "." + attempt + ".json");
        }
    }

    /**
     * The stored result, if this request completed before. An unreadable object counts as absent (the
     * work is deterministic and simply runs again).
     */
    public <S extends Message> Optional<S> find(Ref ref, Class<S> type) {
        String key = ref.key();
        if (staging.stat(key).isEmpty()) {
            return Optional.empty();
        }
        Path local = temp();
        try {
            staging.get(key, local);
            return Optional.of(Json.fromJson(Files.readAllBytes(local), type));
        } catch (MessageFormatException e) {
            LOG.warnf("stored result %s does not read (%s); the request runs again", key, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local copy of " + key, e);
        } finally {
            delete(local);
        }
    }

    /** Stores the result (whole, atomically); a later {@link #find} returns it. */
    public void save(Ref ref, Message result) {
        Path local = temp();
        try {
            Files.write(local, Json.toBytes(result));
            staging.put(ref.key(), local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local copy of " + ref.key(), e);
        } finally {
            delete(local);
        }
    }

    private static Path temp() {
        try {
            return Files.createTempFile("ferry-result-", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp file for a result", e);
        }
    }

    private static void delete(Path local) {
        try {
            Files.deleteIfExists(local);
        } catch (IOException e) {
            // Results hold no row values: a leftover temp copy is only wasted space.
        }
    }
}
