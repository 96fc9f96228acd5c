package io.ferry.coordinator.runs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ferry.coordinator.api.ApiSettings;
import io.ferry.coordinator.messaging.TestTopics;
import io.ferry.estate.SampleEstate;
import io.ferry.testkit.quarkus.KafkaResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec's schedule: a job on its cron (read as five fields in UTC), whose firing starts a refresh batch of its
 * districts. The job is fired here rather than waited for: an every-minute cron would hold the test up to a minute.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaResource.TOPICS, value = TestTopics.ALL))
@QuarkusTestResource(value = SpecScheduleIT.AtFivePastEveryHour.class, restrictToAnnotatedClass = true)
class SpecScheduleIT {

    /** The sample spec with a schedule at five past every hour. */
    public static class AtFivePastEveryHour extends ApiSettings {
        @Override
        protected String specYaml() {
            return SampleEstate.ferryYaml() + "\nschedule: {cron: \"5 * * * *\", districts: [district-901, district-902]}\n";
        }
    }

    @Inject
    Scheduler scheduler;

    @Inject
    SpecSchedule schedule;

    @Test
    void theJobFollowsTheSpecsCronInUtc() {
        Instant before = Instant.now();
        Trigger job = scheduler.getScheduledJob(SpecSchedule.JOB);
        assertThat(job).as("the spec's schedule registered as a job").isNotNull();
        OffsetDateTime next = job.getNextFireTime().atOffset(ZoneOffset.UTC);
        assertThat(List.of(next.getMinute(), next.getSecond())).as("minute 5 of the hour, UTC: %s", next)
                .containsExactly(5, 0);
        assertThat(next.toInstant()).isAfter(before).isBeforeOrEqualTo(before.plus(1, ChronoUnit.HOURS));
    }

    @Test
    void theSchedulesDistrictsAreRefreshedWhenItFires() {
        schedule.fire();
        for (String district : new String[] {"district-901", "district-902"}) {
            given().auth().preemptive().basic("viewer", ApiSettings.PASSWORD)
                    .queryParam("district", district).get("/runs").then().statusCode(200)
                    .body("$", hasSize(1))
                    .body("[0].requestedBy", equalTo("schedule"))
                    .body("[0].refresh", equalTo(true));
        }
    }
}
