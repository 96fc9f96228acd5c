package io.ferry.extractor.testing;

import io.ferry.contracts.Phase;
import io.ferry.contracts.ids.BatchId;
import io.ferry.contracts.messages.BatchKind;
import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.extractor.extraction.ExtractionListener;
import io.ferry.extractor.extraction.StoreExtractor;
import io.ferry.service.spec.LoadedSpec;
import io.ferry.staging.StagingLayout;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test stand-in for the real extraction (another branch): does what the test scripts, counts its
 * calls. By default it sends three manifests of {@code public.person} and returns a matching result.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedStoreExtractor implements StoreExtractor {

    public static final String SHA = "4fd8eb70cb2da6edf1dc88a7caae424a56b7c2798548e59773bfe4674ee34027";

    /** One call: the request, its spec, the listener and which call this is (from 1). */
    @FunctionalInterface
    public interface Script {
        ExtractResult run(ExtractRequest request, LoadedSpec spec, ExtractionListener listener, int call);
    }

    private final AtomicInteger calls = new AtomicInteger();
    private volatile Script script = ScriptedStoreExtractor::threeBatches;

    /** Replaces the behaviour and resets the call count. */
    public void script(Script script) {
        this.script = script;
        calls.set(0);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public ExtractResult extract(ExtractRequest request, LoadedSpec spec, ExtractionListener listener) {
        return script.run(request, spec, listener, calls.incrementAndGet());
    }

    /** Three manifests of {@code public.person} (100 rows, 4096 bytes each), progress, then the result. */
    public static ExtractResult threeBatches(ExtractRequest request, LoadedSpec spec, ExtractionListener listener,
            int call) {
        for (int seq = 0; seq < 3; seq++) {
            listener.batch(manifest(request, seq, seq == 2));
            listener.progress(new Progress(request.runId(), Phase.EXTRACT, request.store(), "public.person",
                    100L * (seq + 1), 300L, 1000.0, Instant.parse("2026-11-21T06:01:12Z")));
        }
        return result(request);
    }

    public static ExtractResult result(ExtractRequest request) {
        return new ExtractResult(request.runId(), request.specHash(), request.attempt(), request.store(),
                List.of(new ExtractResult.TableBatches("public", "person", BatchKind.TABLE, 3, 300)),
                request.runId() + "/keys/" + request.store() + "/", List.of(), List.of(), null);
    }

    public static BatchManifest manifest(ExtractRequest request, int seq, boolean last) {
        BatchId id = BatchId.of(request.runId(), Phase.EXTRACT, request.store(), "public", "person", seq);
        return new BatchManifest(id.toString(), request.runId(), request.specHash(), request.attempt(), Phase.EXTRACT,
                request.store(), "public", "person", BatchKind.TABLE, seq, StagingLayout.batch(id), 100, 4096, SHA,
                "pg:" + request.store() + ".public.person:7c1e9a04", 1, true, last);
    }
}
