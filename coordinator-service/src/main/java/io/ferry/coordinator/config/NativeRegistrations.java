package io.ferry.coordinator.config;

import io.ferry.contracts.messages.BatchManifest;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.contracts.messages.CompensateRequest;
import io.ferry.contracts.messages.CompensateResult;
import io.ferry.contracts.messages.ExtractRequest;
import io.ferry.contracts.messages.ExtractResult;
import io.ferry.contracts.messages.LeakCheckRequest;
import io.ferry.contracts.messages.LeakCheckResult;
import io.ferry.contracts.messages.LoadRequest;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.contracts.messages.PreflightRequest;
import io.ferry.contracts.messages.PreflightResult;
import io.ferry.contracts.messages.Progress;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.contracts.messages.ValidateRequest;
import io.ferry.contracts.messages.ValidateResult;
import io.ferry.contracts.messages.VerifyRequest;
import io.ferry.contracts.messages.VerifyResult;
import io.ferry.coordinator.reports.RunReport;
import io.ferry.coordinator.saga.RunState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image of the coordinator must keep for reflection that its build cannot see by itself (see
 * docs/native.md):
 * <ul>
 * <li>every Kafka message record, read and written by {@code io.ferry.contracts.Json}'s own ObjectMapper rather
 * than by a REST endpoint or a Quarkus serializer;</li>
 * <li>a run's state, kept as JSON in its row ({@code StateJson});</li>
 * <li>the run report, which the HTML report's template reads by reflection.</li>
 * </ul>
 * {@code registerFullHierarchy} also keeps what they hold (nested records, enums). The JVM build ignores this class.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        PreflightRequest.class, PreflightResult.class, ExtractRequest.class, ExtractResult.class,
        BatchManifest.class, LeakCheckRequest.class, LeakCheckResult.class, ValidateRequest.class,
        ValidateResult.class, LoadRequest.class, LoadResult.class, CompensateRequest.class, CompensateResult.class,
        VerifyRequest.class, VerifyResult.class, CatalogRequest.class, CatalogResult.class, Progress.class,
        RunStatusChanged.class, RunState.class, RunReport.class
})
final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
