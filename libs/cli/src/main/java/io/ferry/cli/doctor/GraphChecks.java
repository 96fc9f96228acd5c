package io.ferry.cli.doctor;

import io.ferry.cert.GraphTarget;
import io.ferry.cert.TargetRefusedException;
import java.util.List;
import org.neo4j.driver.Driver;

/** The Neo4j side of {@code ferry doctor}: PROD answers; CERT is prepared and is not one of PROD's graphs. */
final class GraphChecks {

    private GraphChecks() {
    }

    static Check prod(String store) {
        // Neo4j Community has no read-only roles to check: Ferry's own protection is its read transactions
        return Check.ok("prod " + store, "connected; Ferry reads it only in read transactions (give it a reader role"
                + " where the edition has roles)");
    }

    static Check cert(String store, Driver cert, List<String> prodStoreIds) {
        String subject = "cert " + store;
        try {
            GraphTarget.guard(store, cert, prodStoreIds);
        } catch (TargetRefusedException e) {
            return Check.fail(subject, e.getMessage());
        }
        return GraphTarget.marker(cert).map(m -> Check.ok(subject, "not PROD, marked as CERT (" + m + ")"))
                .orElse(Check.fail(subject, "not prepared for Ferry (no :" + GraphTarget.MARKER + " node): run ferry"
                        + " init-target --spec S"));
    }
}
