package io.ferry.loader.work;

import io.ferry.cert.TargetRefusedException;
import io.ferry.contracts.messages.Failure;
import io.ferry.contracts.messages.LoadResult;
import io.ferry.loader.load.DecidedMaps;
import io.ferry.loader.load.LoadFailedException;
import io.ferry.loader.load.LoadRefusedException;
import io.ferry.service.StepFailure;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import java.sql.Connection;
import java.sql.SQLException;
import org.neo4j.driver.Driver;

/**
 * Sessions on the spec's CERT PostgreSQL stores, and what the loader's failures mean for a result: a store
 * Ferry may not write to, or a load it will not do, is fatal (the same request fails again); CERT busy or
 * unreachable is transient (the processor retries it).
 */
final class CertSessions {

    private CertSessions() {
    }

    /** A session on the store's CERT database; the caller closes it. */
    static Connection open(Store store, Resolver resolver) {
        try {
            return StoreConnector.openPostgres(store.name(), "cert", resolver.resolve(store.cert()), false);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    /** A driver for the store's CERT graph; the caller closes it. */
    static Driver openGraph(Store store, Resolver resolver) {
        try {
            return StoreConnector.openNeo4j(store.name(), "cert", resolver.resolve(store.cert()));
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static StepFailure unavailable(StoreUnavailableException e) {
        return e.reason() == StoreUnavailableException.Reason.UNREACHABLE
                ? StepFailure.transientFailure("CERT_UNREACHABLE", e.getMessage(), e)
                : StepFailure.fatal("CERT_REFUSED", e.getMessage());
    }

    /** The failure a result reports for what the load or compensation threw. */
    static StepFailure failure(RuntimeException e) {
        if (e instanceof StepFailure step) {
            return step;
        }
        if (e instanceof DecidedMaps.MapNotDecidedException) {
            // Not retried here: the coordinator sends it again once the store it waited for is loading again.
            return new StepFailure(Failure.Kind.FATAL, LoadResult.NOT_BEGUN, e.getMessage(), e);
        }
        if (e instanceof TargetRefusedException) {
            return StepFailure.fatal("CERT_REFUSED", e.getMessage());
        }
        if (e instanceof LoadRefusedException) {
            return StepFailure.fatal("LOAD_REFUSED", e.getMessage());
        }
        if (e instanceof LoadFailedException failed) {
            return failed.worthRetrying() ? StepFailure.transientFailure("LOAD_FAILED", e.getMessage(), e)
                    : new StepFailure(Failure.Kind.FATAL, "LOAD_FAILED", e.getMessage(), e);
        }
        throw e;
    }

    /** A statement outside the load's own transaction failed (introspection, reading a key map). */
    static StepFailure failure(String store, String step, SQLException e) {
        return StepFailure.transientFailure("CERT_FAILED", "store " + store + " (cert): " + step + " failed (SQLSTATE "
                + e.getSQLState() + ")", e);
    }
}
