package io.ferry.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ferry.coordinator.api.ApiSettings;
import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.testkit.quarkus.KafkaResource;
import io.ferry.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The coordinator started on its own database (the testkit's PostgreSQL, for every test of the module) and a broker,
 * with the API tests' settings, whose application it shares (one build and one start for all of them).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@WithTestResource(value = ApiSettings.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CoordinatorHealthIT {

    @Test
    void answersHealthAndNamesItself() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
        given().get("/info").then().statusCode(200).body("service", equalTo("coordinator"));
    }

    @Test
    void migratesItsSchemaAtStart() throws Exception {
        String url = ConfigProvider.getConfig().getValue("ferry.test.postgres.ferry.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM"
                        + " information_schema.tables WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("batch,batch_district,outbox,processed_message,run,run_event,run_task");
        }
    }
}
