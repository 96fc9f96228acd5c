package io.ferry.extractor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.contracts.messages.CatalogRequest;
import io.ferry.contracts.messages.CatalogResult;
import io.ferry.extractor.extraction.ExtractionFailure;
import io.ferry.planning.ClosureException;
import io.ferry.planning.ClosurePlanner;
import io.ferry.planning.PlanJson;
import io.ferry.planning.ReadRefusedException;
import io.ferry.planning.UnknownDistrictException;
import io.ferry.planning.districts.DistrictCatalog;
import io.ferry.planning.prod.DistrictClosure;
import io.ferry.planning.prod.ProdAccessException;
import io.ferry.planning.prod.ProdSnapshot;
import io.ferry.schema.analysis.SchemaAnalysis;
import io.ferry.schema.graph.DependencyGraph;
import io.ferry.service.spec.LoadedSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Answers catalog questions from PROD, read-only, in one snapshot per store: {@code plan} as
 * {@code ferry plan --format json} prints it, {@code schema} as {@code schema-analysis.json} of
 * {@code ferry analyze}, {@code districts} as {@code district-manifest.json}.
 */
public final class ProdCatalog implements Catalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProdSnapshot.SessionSettings session;
    private final Clock clock;
    private final boolean besideSessions;

    /** @param besideSessions whether a plan may hold a second session per store (the connection cap is above one) */
    public ProdCatalog(ProdSnapshot.SessionSettings session, Clock clock, boolean besideSessions) {
        this.session = session;
        this.clock = clock;
        this.besideSessions = besideSessions;
    }

    @Override
    public CatalogResult answer(CatalogRequest request, LoadedSpec spec) {
        try (ProdSnapshot snapshot = ProdSnapshot.open(spec.spec(), spec.resolver(), session)) {
            String json = switch (request.kind()) {
                case PLAN -> plan(spec, snapshot, request.district());
                case SCHEMA -> SchemaAnalysis.render(DependencyGraph.of(snapshot.fullSchema()))
                        .get(SchemaAnalysis.ANALYSIS_JSON);
                case DISTRICTS -> DistrictCatalog.survey(spec.spec(), snapshot, clock.instant(), List.of(), List.of(), 0,
                        null, 3).json();
            };
            return new CatalogResult(request.requestId(), request.kind(), request.specHash(), request.attempt(),
                    tree(json), null);
        } catch (ProdAccessException e) {
            throw ExtractionFailure.of(e);
        } catch (UnknownDistrictException e) {
            throw ExtractionFailure.fatal("UNKNOWN_DISTRICT", e.getMessage());
        } catch (ReadRefusedException e) {
            throw ExtractionFailure.fatal("PROD_REFUSED", e.getMessage());
        } catch (ClosureException | IllegalArgumentException | NoSuchElementException e) {
            throw ExtractionFailure.fatal("CATALOG_FAILED", e.getMessage());
        }
    }

    private String plan(LoadedSpec spec, ProdSnapshot snapshot, String district) {
        try (DistrictClosure closure = DistrictClosure.compute(spec.spec(), snapshot, district,
                ClosurePlanner.DEFAULT_SPILL_THRESHOLD, besideSessions)) {
            return PlanJson.write(closure.plan());
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the catalog's own JSON did not parse", e);
        }
    }
}
