package io.ferry.coordinator.api;

import io.ferry.coordinator.catalog.CatalogUnavailableException;
import io.ferry.coordinator.persistence.DistrictBusyException;
import io.ferry.coordinator.persistence.UnknownRunException;
import io.ferry.coordinator.runs.NothingToReuseException;
import io.ferry.coordinator.saga.RunActionRefused;
import io.ferry.spec.SpecException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as problem details; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Context
    UriInfo uri;

    @ServerExceptionMapper
    public Response unknownRun(UnknownRunException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response busy(DistrictBusyException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response nothingToReuse(NothingToReuseException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response refused(RunActionRefused e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response catalog(CatalogUnavailableException e) {
        return Problem.response(e.timedOut() ? Response.Status.GATEWAY_TIMEOUT : Response.Status.BAD_GATEWAY,
                e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestProblem e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response spec(SpecException e) {
        LOG.errorf("the coordinator's spec does not read: %s", e.getMessage());
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "the coordinator's spec does not read: "
                + e.getMessage() + "; fix it (ferry check-spec) and restart the coordinator", path());
    }

    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage(), path());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        String detail = status == Response.Status.BAD_REQUEST
                ? "the request body is not valid JSON of the expected shape (see /q/openapi)" : e.getMessage();
        return Problem.response(status == null ? Response.Status.INTERNAL_SERVER_ERROR : status, detail, path());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf("request %s failed: %s", path(), e.getClass().getName());
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "the coordinator failed ("
                + e.getClass().getSimpleName() + "); see its log", path());
    }

    private String path() {
        return uri == null ? null : uri.getPath();
    }
}
