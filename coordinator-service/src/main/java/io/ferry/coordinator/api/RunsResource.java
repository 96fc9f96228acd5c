package io.ferry.coordinator.api;

import io.ferry.contracts.messages.RunStatus;
import io.ferry.contracts.messages.RunStatusChanged;
import io.ferry.coordinator.feed.FeedItem;
import io.ferry.coordinator.feed.RunFeed;
import io.ferry.coordinator.persistence.AuditEntry;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.persistence.UnknownRunException;
import io.ferry.coordinator.reports.HtmlReport;
import io.ferry.coordinator.reports.MarkdownReport;
import io.ferry.coordinator.reports.ReportWriter;
import io.ferry.coordinator.reports.RunReport;
import io.ferry.coordinator.runs.LoadSlot;
import io.ferry.coordinator.runs.RunStarter;
import io.ferry.coordinator.runs.StagedBatches;
import io.ferry.coordinator.saga.RunActionRefused;
import io.ferry.coordinator.saga.Gate;
import io.ferry.coordinator.saga.RunEvent;
import io.ferry.coordinator.saga.RunOptions;
import io.ferry.coordinator.saga.RunState;
import io.ferry.coordinator.saga.Step;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestStreamElementType;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs: start one, list and read them, and the operator's actions on one. Reading takes any Ferry role; starting,
 * cancelling and resuming {@value Roles#OPERATOR}; approving and rolling back {@value Roles#APPROVER}. Errors are
 * problem details.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
public class RunsResource {

    private final RunStore runs;
    private final RunStarter starter;
    private final ReportWriter reports;
    private final RunFeed feed;
    private final LoadSlot slot;
    private final StagedBatches staged;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public RunsResource(RunStore runs, RunStarter starter, ReportWriter reports, RunFeed feed, LoadSlot slot,
            StagedBatches staged) {
        this.runs = runs;
        this.starter = starter;
        this.reports = reports;
        this.feed = feed;
        this.slot = slot;
        this.staged = staged;
    }

    /** Starts a run; with an {@code Idempotency-Key} a repeated request returns the run the first one started (200). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response start(RunRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws SQLException {
        if (request == null || request.district() == null || request.district().isBlank()) {
            throw new BadRequestProblem("district is required: the value of the spec's tenant key, e.g. district-001");
        }
        RunStarter.Started started = starter.start(request.district().trim(), options(request), idempotencyKey, user(),
                Instant.now());
        RunView view = RunView.of(started.run());
        return started.created()
                ? Response.created(uri.getBaseUriBuilder().path("runs").path(view.runId()).build()).entity(view).build()
                : Response.ok(view).build();
    }

    /** Runs, newest first; {@code status} and {@code district} filter, {@code page} (from 0) and {@code size} page. */
    @GET
    public List<RunView> list(@QueryParam("status") String status, @QueryParam("district") String district,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size)
            throws SQLException {
        if (status != null && Arrays.stream(RunStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new BadRequestProblem("status " + status + " is none of " + Arrays.toString(RunStatus.values()));
        }
        if (page < 0 || size < 1 || size > 500) {
            throw new BadRequestProblem("page must be 0 or more and size between 1 and 500 (got page " + page
                    + ", size " + size + ")");
        }
        return runs.list(status, district, page, size).stream().map(RunView::of).toList();
    }

    @GET
    @Path("{runId}")
    public RunView get(@PathParam("runId") String runId) throws SQLException {
        return RunView.of(runs.find(runId).orElseThrow(() -> new UnknownRunException(runId)));
    }

    /** The run's audit trail, oldest first: who did what, when, and the status it left. */
    @GET
    @Path("{runId}/audit")
    public List<AuditEntry> audit(@PathParam("runId") String runId) throws SQLException {
        get(runId);
        return runs.audit(runId);
    }

    /**
     * The run's live feed as server-sent events: its status now, then each status change and progress report as it
     * comes (JSON {@link FeedItem}s).
     */
    @GET
    @Path("{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<FeedItem> events(@PathParam("runId") String runId) throws SQLException {
        RunState run = runs.find(runId).orElseThrow(() -> new UnknownRunException(runId));
        FeedItem now = FeedItem.of(new RunStatusChanged(runId, run.district(), run.status(), null, run.reason(),
                Instant.now()));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(now), feed.of(runId));
    }

    /** The run's report as JSON (DESIGN.md's shape), made from what the coordinator holds now. */
    @GET
    @Path("{runId}/report")
    public RunReport report(@PathParam("runId") String runId) throws SQLException, IOException {
        return reports.report(runId);
    }

    @GET
    @Path("{runId}/report.md")
    @Produces("text/markdown")
    public String markdownReport(@PathParam("runId") String runId) throws SQLException, IOException {
        return MarkdownReport.render(reports.report(runId));
    }

    @GET
    @Path("{runId}/report.html")
    @Produces(MediaType.TEXT_HTML)
    public String htmlReport(@PathParam("runId") String runId) throws SQLException, IOException {
        return HtmlReport.render(reports.report(runId));
    }

    @POST
    @Path("{runId}/approve")
    @RolesAllowed(Roles.APPROVER)
    public RunView approve(@PathParam("runId") String runId) throws SQLException {
        return act(runId, new RunEvent.Approved(UUID.randomUUID(), user(), Instant.now()));
    }

    @POST
    @Path("{runId}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    public RunView cancel(@PathParam("runId") String runId, @QueryParam("reason") String reason) throws SQLException {
        return act(runId, new RunEvent.Cancelled(UUID.randomUUID(), user(), reason, Instant.now()));
    }

    @POST
    @Path("{runId}/rollback")
    @RolesAllowed(Roles.APPROVER)
    public RunView rollback(@PathParam("runId") String runId, @QueryParam("force") @DefaultValue("false") boolean force)
            throws SQLException {
        // Taking a run out writes into CERT too: not while another run does.
        Optional<String> writing = slot.holder().filter(h -> !h.equals(runId));
        if (writing.isPresent()) {
            throw new RunActionRefused("run " + writing.get() + " is writing into CERT now; roll " + runId
                    + " back when it has finished");
        }
        return act(runId, new RunEvent.RollbackRequested(UUID.randomUUID(), user(), force, Instant.now()));
    }

    @POST
    @Path("{runId}/resume")
    @RolesAllowed(Roles.OPERATOR)
    public RunView resume(@PathParam("runId") String runId) throws SQLException {
        // A compensation resumed writes into CERT again: not while another run does.
        Optional<String> writing = slot.holder().filter(h -> !h.equals(runId));
        if (writing.isPresent() && runs.find(runId).filter(r -> r.step() == Step.COMPENSATE).isPresent()) {
            throw new RunActionRefused("run " + writing.get() + " is writing into CERT now; resume " + runId
                    + " when it has finished");
        }
        return act(runId, new RunEvent.Resumed(UUID.randomUUID(), user(), Instant.now(), staged.anonymized(runId)));
    }

    /**
     * Asks the validator to check what CERT holds for a finished run against its ledger and batches; the answer shows
     * as {@code verification} on the run (and in its report) when it comes.
     */
    @POST
    @Path("{runId}/verify")
    @RolesAllowed(Roles.OPERATOR)
    public Response verify(@PathParam("runId") String runId) throws SQLException {
        return Response.accepted(act(runId, new RunEvent.VerifyRequested(UUID.randomUUID(), user(), Instant.now())))
                .build();
    }

    private RunView act(String runId, RunEvent event) throws SQLException {
        return RunView.of(runs.apply(runId, event).state());
    }

    private String user() {
        return user(security);
    }

    static String user(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? "anonymous"
                : security.getUserPrincipal().getName();
    }

    /** The run's options from a request's flags (absent is false); gates a request adds to the spec's. */
    static RunOptions options(RunRequest request) {
        Set<Gate> gates = EnumSet.noneOf(Gate.class);
        if (Boolean.TRUE.equals(request.approveBeforeExtract())) {
            gates.add(Gate.BEFORE_EXTRACT);
        }
        if (Boolean.TRUE.equals(request.approveBeforeLoad())) {
            gates.add(Gate.BEFORE_LOAD);
        }
        return new RunOptions(Boolean.TRUE.equals(request.dryRun()), Boolean.TRUE.equals(request.skipLoad()),
                Boolean.TRUE.equals(request.refresh()), Boolean.TRUE.equals(request.reuseExtraction()), gates);
    }
}
