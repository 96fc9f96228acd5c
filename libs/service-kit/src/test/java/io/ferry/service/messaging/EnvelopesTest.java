package io.ferry.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ferry.contracts.ContractViolation;
import io.ferry.contracts.Headers;
import io.ferry.contracts.Json;
import io.ferry.contracts.Phase;
import io.ferry.contracts.Topics;
import io.ferry.contracts.ids.MessageIds;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CatalogKind;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    private static final String RUN = "mig-20261121060000-001";
    private static final String SPEC = "9489f1b0089092575d8ace2392285db2921b60cd163d2e7e7a7c756977a26dd8";
    private static final UUID CAUSE = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void aManifestIsKeyedAndIdentifiedByItsBatch() {
        BatchManifest manifest = new BatchManifest(RUN + "/extract/ids/public.person/4", RUN, SPEC, 2, Phase.EXTRACT,
                "ids", "public", "person", BatchKind.TABLE, 4, RUN + "/extracted/ids/public.person/part-4.parquet",
                10, 20, "4fd8eb70cb2da6edf1dc88a7caae424a56b7c2798548e59773bfe4674ee34027", "pg:x", 1, true, true);

        Envelope envelope = Envelopes.ofAttempt(Topics.BATCHES_EXTRACTED, manifest, manifest.attempt(), RUN, CAUSE);

        assertThat(envelope.topic()).isEqualTo(Topics.BATCHES_EXTRACTED);
        assertThat(envelope.key()).isEqualTo(RUN + "/extract/ids/public.person/4");
        assertThat(Json.fromJson(envelope.value(), BatchManifest.class)).isEqualTo(manifest);
        assertThat(envelope.headers()).containsExactly(
                entry(Headers.MESSAGE_ID, MessageIds.forAttempt(Topics.BATCHES_EXTRACTED + "/" + RUN + "/extract/ids/public.person/4", 2).toString()),
                entry(Headers.RUN_ID, RUN),
                entry(Headers.SCHEMA_VERSION, "1.0"),
                entry(Headers.CAUSATION_ID, CAUSE.toString()));
    }

    @Test
    void aResultIsIdentifiedByTheRequestsKeyAndAttempt() {
        ExtractResult result = new ExtractResult(RUN, SPEC, 3, "hcp1", List.of(), null, List.of(), List.of(),
                new Failure(Failure.Kind.FATAL, "X", "y"));

        Envelope envelope = Envelopes.ofAttempt(Topics.EXTRACT_RESULTS, result, result.attempt(), RUN, CAUSE);

        assertThat(envelope.topic()).isEqualTo(Topics.EXTRACT_RESULTS);
        assertThat(envelope.key()).isEqualTo(RUN + "/hcp1");
        assertThat(envelope.headers()).containsEntry(Headers.MESSAGE_ID,
                MessageIds.forAttempt(Topics.EXTRACT_RESULTS + "/" + RUN + "/hcp1", 3).toString());
    }

    @Test
    void resultsOfDifferentPhasesOfOneRunAndAttemptHaveDifferentIds() {
        // All keyed by the run id: the coordinator, which reads every result topic, must not take one for another.
        String preflight = Envelopes.ofAttempt(Topics.PREFLIGHT_RESULTS, new PreflightResult(RUN, SPEC, 1,
                CheckStatus.PASSED, 3, List.of(), null), 1, RUN, CAUSE).headers().get(Headers.MESSAGE_ID);
        String leakCheck = Envelopes.ofAttempt(Topics.LEAKCHECK_RESULTS, new LeakCheckResult(RUN, SPEC, 1,
                CheckStatus.PASSED, 3, List.of(), null), 1, RUN, CAUSE).headers().get(Headers.MESSAGE_ID);

        assertThat(preflight).isNotEqualTo(leakCheck);
    }

    @Test
    void aMessageOfNoRunCarriesNoRunHeader() {
        CatalogResult result = new CatalogResult("cat-1", CatalogKind.SCHEMA, SPEC, 1, null,
                new Failure(Failure.Kind.FATAL, "X", "y"));

        Envelope envelope = Envelopes.ofAttempt(Topics.CATALOG_RESULTS, result, result.attempt(), null, CAUSE);

        assertThat(envelope.key()).isEqualTo("cat-1");
        assertThat(envelope.headers()).doesNotContainKey(Headers.RUN_ID)
                .containsEntry(Headers.MESSAGE_ID, MessageIds.forAttempt(Topics.CATALOG_RESULTS + "/cat-1", 1).toString());
    }

    @Test
    void theSameProgressPointOfTheSameAttemptHasTheSameId() {
        Progress progress = new Progress(RUN, Phase.EXTRACT, "ids", "public.person", 12000, 25310L, 8450.5,
                Instant.parse("2026-11-21T06:01:12.250Z"));
        Progress later = new Progress(RUN, Phase.EXTRACT, "ids", "public.person", 13000, 25310L, 8450.5,
                Instant.parse("2026-11-21T06:01:13.250Z"));

        assertThat(Envelopes.progress(progress, 1, CAUSE).headers().get(Headers.MESSAGE_ID))
                .isEqualTo(Envelopes.progress(progress, 1, CAUSE).headers().get(Headers.MESSAGE_ID))
                .isNotEqualTo(Envelopes.progress(later, 1, CAUSE).headers().get(Headers.MESSAGE_ID))
                .isNotEqualTo(Envelopes.progress(progress, 2, CAUSE).headers().get(Headers.MESSAGE_ID));
        assertThat(Envelopes.progress(progress, 1, CAUSE).key()).isEqualTo(RUN);
    }

    @Test
    void aDeadLetterKeepsTheRecordAndAddsASanitizedReason() {
        Map<String, String> original = Map.of(Headers.MESSAGE_ID, CAUSE.toString());

        Envelope letter = Envelopes.deadLetter(Topics.EXTRACT_REQUESTS, "k", "{broken", original,
                new ContractViolation("ExtractRequest.store must not be blank"));
        Envelope other = Envelopes.deadLetter(Topics.PREFLIGHT_REQUESTS, null, null, original,
                new IllegalStateException("value jane.doe@example.org"));

        assertThat(letter.topic()).isEqualTo("ferry.extract.requests.v1.dlq");
        assertThat(letter.key()).isEqualTo("k");
        assertThat(letter.value()).isEqualTo("{broken");
        assertThat(letter.headers()).containsEntry(Headers.MESSAGE_ID, CAUSE.toString()).containsEntry(Headers.DLQ_REASON,
                "io.ferry.contracts.ContractViolation: ExtractRequest.store must not be blank");
        assertThat(other.topic()).isEqualTo("ferry.preflight.requests.v1.dlq");
        assertThat(other.headers().get(Headers.DLQ_REASON)).isEqualTo("java.lang.IllegalStateException");
    }
}
