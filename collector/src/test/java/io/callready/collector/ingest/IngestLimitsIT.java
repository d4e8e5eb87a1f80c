package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Shedding load: 429 for one agent over its rate, 503 when the collector is full; both with Retry-After, nothing stored. */
@QuarkusTest
class IngestLimitsIT {
    @Inject
    IngestRateLimiter rateLimiter;
    @Inject
    IngestConcurrency concurrency;
    @Inject
    AgroalDataSource db;
    @ConfigProperty(name = "callready.ingest.max-concurrent")
    int maxConcurrent;
    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20")
    int poolSize;

    private static String body(Api.TestTenant tenant) {
        return Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId());
    }

    @Test
    void agentOverItsRateGets429WithRetryAfterAndOtherAgentsDoNot() {
        Api.TestTenant busy = Api.newTenant();
        Api.TestTenant calm = Api.newTenant();
        // The bucket refills a token every 200 ms; on a loaded machine the request after the drain can take longer
        // and rightly pass, so a few tries: a limiter that never refuses fails all of them.
        Response refused = null;
        int passed = 0;
        for (int attempt = 0; attempt < 5 && refused == null; attempt++) {
            while (rateLimiter.tryAcquire(busy.agentId()).isZero()) {
                // drain the busy agent's burst
            }
            Response r = Api.asAgent(busy.token()).body(body(busy)).post("/api/v1/results");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                r.then().statusCode(200);
                passed++;
            }
        }
        assertThat(refused).as("an agent over its rate is refused").isNotNull();
        refused.then().contentType("application/problem+json")
                .header("Retry-After", equalTo("1")).body("detail", containsString("rate-limit"));
        Api.asAgent(calm.token()).body(body(calm)).post("/api/v1/results").then().statusCode(200);
        Api.asAdmin().get("/api/v1/sites/{s}/results", busy.siteId()).then().statusCode(200).body("size()", equalTo(passed));
    }

    @Test
    void fullCollectorGets503WithRetryAfterThenAcceptsAgain() {
        Api.TestTenant tenant = Api.newTenant();
        List<Boolean> held = new ArrayList<>();
        try {
            for (int i = 0; i < maxConcurrent; i++) {
                held.add(concurrency.tryEnter());
            }
            assertThat(held).containsOnly(true);
            Api.asAgent(tenant.token()).body(body(tenant)).post("/api/v1/results")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("2")).body("detail", containsString("max-concurrent"));
        } finally {
            held.forEach(h -> concurrency.leave());
        }
        Api.asAgent(tenant.token()).body(body(tenant)).post("/api/v1/results").then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void exhaustedDatabasePoolIs503NotAnInternalError() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(db.getConnection());
            }
            Api.asAgent(tenant.token()).body(body(tenant)).post("/api/v1/results")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", not(equalTo(null))).body(not(containsString("Exception")));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        Api.asAgent(tenant.token()).body(body(tenant)).post("/api/v1/results").then().statusCode(200);
    }
}
