package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.problem.Problem;
import io.callready.collector.storage.RollupJob;
import io.callready.collector.support.Api;
import io.callready.collector.support.RollupRuns;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/**
 * GET /api/v1/sites/{id}/traffic on plain PostgreSQL against a known seed: raw samples for short windows, the
 * 5-minute and hourly rollups (computed by RollupJob, with the mean and peak worked out by hand) for longer ones.
 */
@QuarkusTest
class TrafficApiIT {
    @Inject
    AgroalDataSource db;
    @Inject
    RollupJob rollups;

    @Test
    void eachWindowIsAnsweredFromTheRightTableWithTheRightRows() throws Exception {
        TestTenant t = Api.newTenant();
        TestTenant other = Api.newTenant();
        SeededResults seed = new SeededResults(db);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        // 5-minute bucket hour+00:00: up 2, 4 Mbit/s; bucket hour+00:05: up 6 Mbit/s
        seed.traffic(t.customerId(), t.siteId(), "local:lo", hour.plusSeconds(0), 2e6, 10e6);
        seed.traffic(t.customerId(), t.siteId(), "local:lo", hour.plusSeconds(60), 4e6, 20e6);
        seed.traffic(t.customerId(), t.siteId(), "local:lo", hour.plusSeconds(300), 6e6, 30e6);
        // a failed sample without rates, a quality result and another site's traffic must not appear
        seed.result(t.customerId(), t.siteId(), "wan_traffic", "local:lo", "failed", hour.plusSeconds(120), "{}", "{}");
        seed.result(t.customerId(), t.siteId(), "rtp_burst", "pbx:5004", "ok", hour.plusSeconds(30), "{\"mos\": 4.2, \"wan_up_bps\": 1e6}", "{}");
        seed.traffic(other.customerId(), other.siteId(), "local:lo", hour.plusSeconds(60), 9e6, 9e6);
        RollupRuns.overAllStored(rollups);

        JsonPath raw = traffic(t, hour, hour.plus(Duration.ofHours(1)));
        assertThat(raw.getString("resolution")).isEqualTo("raw");
        assertThat(raw.getList("series.direction")).containsExactly("up", "down");
        assertThat(raw.getList("series[0].points.bps", Double.class)).containsExactly(2e6, 4e6, 6e6);
        assertThat(raw.getList("series[1].points.bps", Double.class)).containsExactly(10e6, 20e6, 30e6);
        assertThat(raw.getList("series[0].points.utilisationPct", Double.class)).containsExactly(20.0, 40.0, 60.0);
        assertThat(raw.getList("series[1].points.t", String.class)).containsExactly(hour.toString(), hour.plusSeconds(60).toString(),
                hour.plusSeconds(300).toString());

        JsonPath fiveMinutes = traffic(t, hour.minus(Duration.ofDays(1)), hour.plus(Duration.ofHours(1)));
        assertThat(fiveMinutes.getString("resolution")).isEqualTo("5m");
        assertThat(fiveMinutes.getList("series[0].points.bps", Double.class)).containsExactly(3e6, 6e6);
        assertThat(fiveMinutes.getList("series[0].points.bpsMax", Double.class)).containsExactly(4e6, 6e6);
        assertThat(fiveMinutes.getList("series[0].points.utilisationPctMax", Double.class)).containsExactly(40.0, 60.0);
        assertThat(fiveMinutes.getList("series[1].points.bps", Double.class)).containsExactly(15e6, 30e6);

        JsonPath hourly = traffic(t, hour.minus(Duration.ofDays(30)), hour.plus(Duration.ofHours(1)));
        assertThat(hourly.getString("resolution")).isEqualTo("1h");
        assertThat(hourly.getList("series[0].points.bps", Double.class)).containsExactly(4e6);
        assertThat(hourly.getList("series[0].points.bpsMax", Double.class)).containsExactly(6e6);
        assertThat(hourly.getList("series[1].points.utilisationPct", Double.class).getFirst()).isCloseTo(40.0, within(1e-9));
        assertThat(hourly.getBoolean("truncated")).isFalse();

        assertThat(traffic(t, hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofHours(2))).getList("series")).isEmpty();
    }

    @Test
    void badWindowsAre400NamingTheParameter() {
        TestTenant t = Api.newTenant();
        Api.asAdmin().queryParam("from", "yesterday").get("/api/v1/sites/{s}/traffic", t.siteId())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("from"));
        Api.asAdmin().queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/sites/{s}/traffic", t.siteId()).then().statusCode(400).body("errors[0].field", equalTo("from"));
        Api.asAdmin().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/sites/{s}/traffic", t.siteId()).then().statusCode(400).body("errors[0].field", equalTo("from"));
        Api.asAdmin().queryParam("to", "10000-01-01T00:00:00Z").get("/api/v1/sites/{s}/traffic", t.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    private static JsonPath traffic(TestTenant t, Instant from, Instant to) {
        return Api.asAdmin().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/sites/{s}/traffic", t.siteId()).then().statusCode(200).extract().jsonPath()
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
