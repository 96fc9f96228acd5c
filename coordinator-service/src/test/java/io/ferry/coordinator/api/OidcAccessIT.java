package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Production's access control, switched on by configuration only: bearer tokens verified with the provider's
 * public key (here a key pair made for the test, the tokens signed locally), roles from the groups claim.
 */
@QuarkusTest
@TestProfile(OidcAccessIT.WithOidc.class)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
class OidcAccessIT {

    private static final String ISSUER = "https://idp.ferry.test/realms/ferry";
    private static final KeyPair PROVIDER = keys();
    private static final KeyPair STRANGER = keys();

    /** OIDC on, as an operator would configure it, with the test provider's public key. */
    public static class WithOidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(PROVIDER.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", ISSUER);
        }
    }

    @Test
    void aSignedTokensGroupsAreItsRoles() {
        String viewer = token("vera", Set.of("viewer"), PROVIDER.getPrivate(), Instant.now().plusSeconds(300));
        String operator = token("otto", Set.of("operator"), PROVIDER.getPrivate(), Instant.now().plusSeconds(300));
        assertThat(given().auth().oauth2(viewer).get("/runs").statusCode()).isEqualTo(200);
        assertThat(given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{\"district\": \"district-oidc\"}")
                .post("/runs").statusCode()).isEqualTo(403);
        assertThat(given().auth().oauth2(operator).post("/runs/mig-20260101000000-001/approve").statusCode())
                .isEqualTo(403);
        assertThat(given().auth().oauth2(operator).get("/runs/mig-20260101000000-001").statusCode()).isEqualTo(404);
    }

    @Test
    void noTokenATokenOfAnotherSignerAndAnExpiredTokenAreRefused() {
        assertThat(given().get("/runs").statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(token("mallory", Set.of("viewer"), STRANGER.getPrivate(),
                Instant.now().plusSeconds(300))).get("/runs").statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(token("vera", Set.of("viewer"), PROVIDER.getPrivate(),
                Instant.now().minusSeconds(600))).get("/runs").statusCode()).isEqualTo(401);
    }

    private static String token(String user, Set<String> groups, PrivateKey key, Instant expires) {
        return Jwt.issuer(ISSUER).upn(user).groups(groups).issuedAt(expires.minusSeconds(900)).expiresAt(expires)
                .sign(key);
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }
}
