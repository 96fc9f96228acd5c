package io.ferry.coordinator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.estate.SampleEstate;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The spec's schedule starts a refresh batch of its districts when its cron says (here: every minute). */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = ScheduleIT.EveryMinute.class, restrictToAnnotatedClass = true)
class ScheduleIT {

    /** The sample spec with a schedule that fires every minute. */
    public static class EveryMinute extends ApiSettings {
        @Override
        protected String specYaml() {
            return SampleEstate.ferryYaml() + "\nschedule: {cron: \"* * * * *\", districts: [district-901, district-902]}\n";
        }
    }

    @Test
    void theSchedulesDistrictsAreRefreshedWhenItsCronFires() {
        for (String district : new String[] {"district-901", "district-902"}) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    given().auth().preemptive().basic("viewer", ApiSettings.PASSWORD)
                            .queryParam("district", district).get("/runs").then().statusCode(200)
                            .body("$", hasSize(1))
                            .body("[0].requestedBy", equalTo("schedule"))
                            .body("[0].refresh", equalTo(true)));
        }
    }
}
