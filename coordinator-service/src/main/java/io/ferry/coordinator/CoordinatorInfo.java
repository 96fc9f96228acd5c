package io.ferry.coordinator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Identifies the service (open, like health: probes and the command line ask it which service answers). */
@Path("/info")
public class CoordinatorInfo {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("service", "coordinator");
    }
}
