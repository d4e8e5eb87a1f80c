package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness report on real PostgreSQL with what the collector stored itself: the QoS assessment the
 * {@code qos-advice} job wrote, and quality judged by the alert thresholds set for the site and its customer.
 * Seed (QosSeed): 30 quiet bursts (no loss, jitter up 2–2.2 ms) and 20 loaded ones that break (loss up 5–9 %,
 * jitter up 45–51 ms; i = 30..49, jitter 45 + i % 7, loss 0.05 + (i % 5) / 100).
 */
@QuarkusTest
class ReportQosAndThresholdsIT {

    @Inject
    AgroalDataSource db;
    @Inject
    QosAdviceJob job;
    @Inject
    TestClock clock;

    private Instant now;

    @BeforeEach
    void fixClock() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
    }

    @AfterEach
    void release() {
        clock.useSystemTime();
    }

    @Test
    void theReportShowsTheStoredAssessmentAndJudgesByTheConfiguredThresholds() throws Exception {
        TestTenant t = Api.newTenant();
        Api.asAdmin().body(QosSeed.PLAN).put("/api/v1/customers/{c}/plan", t.customerId()).then().statusCode(200);
        new QosSeed(db).bursts(t.customerId(), t.siteId(), now, 30, 20, true);
        String before = page(t);
        assertThat(before).contains("No busy-hour assessment yet", "Judged by the seed thresholds (DOMAIN.md).");
        // seed limits: jitter good < 20, acceptable < 30 ms; loss good < 0.5 %, acceptable < 1 %
        assertThat(before).containsPattern(row("jitter upstream", "60 %", "0 %", "40 %"))
                .containsPattern(row("packet loss upstream", "60 %", "0 %", "40 %"));

        job.run();
        List<String> evidence = Api.asAdmin().get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(200).extract().path("evidence");
        assertThat(evidence).isNotEmpty();

        Api.asAdmin().body(Map.of("loss_ratio", Map.of("warning", 0.06, "critical", 0.2), "jitter_ms", Map.of("warning", 30, "critical", 40)))
                .put("/api/v1/customers/{c}/thresholds", t.customerId()).then().statusCode(200);
        Api.asAdmin().body(Map.of("jitter_ms", Map.of("warning", 46, "critical", 60)))
                .put("/api/v1/sites/{s}/thresholds", t.siteId()).then().statusCode(200);
        String after = page(t);

        String qos = section(after, "qos");
        assertThat(qos).contains("Verdict: <b>congestion upstream</b> (confidence medium)", "Upstream shaper");
        for (String sentence : evidence) {
            assertThat(qos).contains("<li>" + escaped(sentence) + "</li>");
        }
        assertThat(after).contains("the busy-hour analysis finds congestion upstream",
                "Judged by the alert thresholds set for this site or its customer where set, else the seed thresholds (DOMAIN.md).");
        // the site's jitter 46 / 60 ms (not the customer's 30 / 40): 30 quiet + 3 loaded bursts of 45 ms good, 17 acceptable
        assertThat(after).containsPattern(row("jitter upstream", "66 %", "34 %", "0 %") + ".*good &lt; 46 ms, acceptable &lt; 60 ms");
        // the customer's loss 6 % / 20 %: 30 quiet + the 4 loaded bursts at 5 % good, 16 acceptable
        assertThat(after).containsPattern(row("packet loss upstream", "68 %", "32 %", "0 %"));
        // MOS and round trip have no override: the seed's limits
        assertThat(after).contains("good &gt; 4, acceptable ≥ 3.6").doesNotContain("good &lt; 150 ms");
    }

    /** A quality table row: label, 50 bursts, median, tail, then the three shares. */
    private static String row(String label, String good, String acceptable, String problematic) {
        return "<td>" + label + "</td><td>50</td><td>[^<]*</td><td>[^<]*</td><td>" + good + "</td><td>" + acceptable + "</td><td>"
                + problematic + "</td>";
    }

    private static String page(TestTenant t) {
        String url = Api.asAdmin().body(Map.of("window", "24h")).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(201).extract().path("url");
        String path = URI.create(url).getPath();
        return RestAssured.given().get(path).then().statusCode(200).extract().asString();
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
