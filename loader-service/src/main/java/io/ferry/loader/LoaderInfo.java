package io.ferry.loader;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Identifies the service (its work arrives over Kafka: see messaging.LoaderConsumers). */
@Path("/info")
public class LoaderInfo {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("service", "loader");
    }
}
