package io.ferry.validator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Identifies the service (its work arrives over Kafka: see messaging.ValidatorConsumers). */
@Path("/info")
public class ValidatorInfo {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("service", "validator");
    }
}
