package io.ferry.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.contracts.messages.CatalogKind;
import io.ferry.coordinator.catalog.CatalogClient;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * What PROD holds, answered by the extractor (the coordinator holds no PROD credentials): the districts with their
 * sizes ({@code district-manifest.json}'s shape), the schema, and a district's plan ({@code ferry plan}'s shape).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
@Blocking
public class CatalogResource {

    private final CatalogClient catalog;

    public CatalogResource(CatalogClient catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("districts")
    public JsonNode districts() {
        return catalog.ask(CatalogKind.DISTRICTS, null);
    }

    @GET
    @Path("schema")
    public JsonNode schema() {
        return catalog.ask(CatalogKind.SCHEMA, null);
    }

    @GET
    @Path("plan")
    public JsonNode plan(@QueryParam("district") String district) {
        if (district == null || district.isBlank()) {
            throw new BadRequestProblem("district is required: /plan?district=district-001");
        }
        return catalog.ask(CatalogKind.PLAN, district.trim());
    }
}
