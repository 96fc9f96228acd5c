package io.ferry.anonymizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnonymizerHealthTest {

    @Test
    void answersHealthAndNamesItself() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/info").then().statusCode(200).body("service", equalTo("anonymizer"));
    }
}
