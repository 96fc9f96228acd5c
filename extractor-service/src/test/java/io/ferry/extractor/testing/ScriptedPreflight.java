package io.ferry.extractor.testing;

import io.ferry.contracts.messages.CheckStatus;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.extractor.preflight.Preflight;
import io.ferry.service.spec.LoadedSpec;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** The test stand-in for the real preflight: passes with 7 fields classified unless scripted otherwise. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedPreflight implements Preflight {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile BiFunction<PreflightRequest, LoadedSpec, PreflightResult> script = ScriptedPreflight::passed;

    public void script(BiFunction<PreflightRequest, LoadedSpec, PreflightResult> script) {
        this.script = script;
        calls.set(0);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public PreflightResult run(PreflightRequest request, LoadedSpec spec) {
        calls.incrementAndGet();
        return script.apply(request, spec);
    }

    public static PreflightResult passed(PreflightRequest request, LoadedSpec spec) {
        return new PreflightResult(request.runId(), request.specHash(), request.attempt(), CheckStatus.PASSED,
                spec.spec().stores().size() * 7L, List.of(), null);
    }
}
