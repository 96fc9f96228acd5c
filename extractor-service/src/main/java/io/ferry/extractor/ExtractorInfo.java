package io.ferry.extractor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Identifies the service. Its work arrives over Kafka (see {@code messaging.RequestConsumers}). */
@Path("/info")
public class ExtractorInfo {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("service", "extractor");
    }
}
