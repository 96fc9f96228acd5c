package io.ferry.coordinator.api;

import io.ferry.coordinator.runs.Batches;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/** Many districts at once: each gets its own run; the batch shows them pending, running, completed or failed. */
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
public class BatchesResource {

    private final Batches batches;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public BatchesResource(Batches batches) {
        this.batches = batches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response start(BatchRequest request) throws SQLException {
        if (request == null || request.districts() == null || request.districts().isEmpty()
                || request.districts().stream().anyMatch(d -> d == null || d.isBlank())) {
            throw new BadRequestProblem("districts is required: a list of the spec's tenant key values, e.g."
                    + " [\"district-001\", \"district-002\"], none blank");
        }
        List<String> districts = List.copyOf(new LinkedHashSet<>(request.districts().stream().map(String::trim).toList()));
        RunRequest o = request.options() == null ? new RunRequest(null, null, null, null, null, null, null) : request.options();
        Batches.Batch batch = batches.start(districts, RunsResource.options(o), RunsResource.user(security), Instant.now());
        return Response.created(uri.getBaseUriBuilder().path("batches").path(batch.batchId()).build())
                .entity(BatchView.of(batch)).build();
    }

    @GET
    @Path("{batchId}")
    public BatchView get(@PathParam("batchId") String batchId) throws SQLException {
        return BatchView.of(batches.find(batchId).orElseThrow(() -> new NotFoundException("no batch " + batchId)));
    }
}
