package io.ferry.coordinator.api;

import jakarta.ws.rs.core.Response;

/**
 * An error as RFC 9457 problem details ({@code application/problem+json}): what went wrong, in words that say
 * how to fix it.
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String detail, String instance) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem("about:blank", status.getReasonPhrase(),
                status.getStatusCode(), detail, instance)).build();
    }
}
