package io.callready.collector.report;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Share links on real PostgreSQL: the page from stored results, and every way a link must not open. */
@QuarkusTest
class ReportLinkIT {
    @Inject
    AgroalDataSource db;
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
    void aLinkServesTheSitesReportWithNoCredentialAndStoresOnlyTheHash() throws Exception {
        TestTenant t = seeded("alpha");
        Response created = Api.asAdmin().body(Map.of("expiresIn", "48h", "window", "24h"))
                .post("/api/v1/sites/{s}/reports", t.siteId());
        created.then().statusCode(201).body("expiresAt", equalTo(now.plus(Duration.ofDays(2)).toString()));
        String token = token(created.path("url"));
        assertThat(token).hasSize(43);

        Response page = RestAssured.given().get("/r/{t}", token);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        String html = page.asString();
        assertThat(html).contains("<span id=\"verdict-label\">Not ready</span>", "SIP ALG: SIP ALG on the router failed",
                "set sip-helper disable", "sip.voice.getsmartalex.com", "10000-60000", "handshake TLSv1.3 (alpha)",
                "id=\"quality\"", "id=\"bandwidth\"", "id=\"qos\"", "id=\"change-request\"")
                .doesNotContain("<script>alert");
        // 96 bursts; 4 of them lose 2 % upstream: 4 % problematic, the 95th percentile (rank 92) is still 0 %
        assertThat(html).containsPattern("<td>packet loss upstream</td><td>96</td><td>0 %</td><td>0 %</td><td>96 %</td><td>0 %</td><td>4 %</td><td class=\"good\">");
        // peak_calls 10: G.711 needs 960 kbit/s each way
        assertThat(html).contains("<td>g711</td><td>87.2 kbit/s</td><td>90 kbit/s</td><td>10</td><td>960 kbit/s</td>");

        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT token_sha256, row_to_json(l)::text FROM report_links l WHERE site_id = ?")) {
            q.setObject(1, t.siteId());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(ShareTokens.sha256(token));
                assertThat(rs.getString(2)).doesNotContain(token);
            }
        }
        RestAssured.given().redirects().follow(false).get("/r/{t}?format=pdf", token).then().statusCode(303)
                .header("Location", containsString("/r/" + token));
    }

    @Test
    void anExpiredLinkIsA410PageWithNoSiteData() throws Exception {
        TestTenant t = seeded("expiring");
        String token = token(Api.asAdmin().body(Map.of("expiresIn", "1h")).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(201).extract().path("url"));
        RestAssured.given().get("/r/{t}", token).then().statusCode(200);
        clock.set(now.plus(Duration.ofHours(1)));
        String html = RestAssured.given().get("/r/{t}", token).then().statusCode(410).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(html).contains("This report link has expired.").doesNotContain("expiring", "smartalex", "SmartAlex");
    }

    @Test
    void aRevokedLinkIsA410PageAndRevokingAnUnknownReportIs404() throws Exception {
        TestTenant t = seeded("revoked");
        Response created = Api.asAdmin().body(Map.of()).post("/api/v1/sites/{s}/reports", t.siteId());
        String token = token(created.path("url"));
        String id = created.path("id");
        Api.asAdmin().delete("/api/v1/sites/{s}/reports/{r}", t.siteId(), id).then().statusCode(204);
        Api.asAdmin().delete("/api/v1/sites/{s}/reports/{r}", t.siteId(), id).then().statusCode(204);
        String html = RestAssured.given().get("/r/{t}", token).then().statusCode(410).extract().asString();
        assertThat(html).contains("This report link was revoked.").doesNotContain("revoked-site");
        Api.asAdmin().delete("/api/v1/sites/{s}/reports/{r}", t.siteId(), UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aWrongOrMalformedTokenIsTheSame404Page() throws Exception {
        TestTenant t = seeded("wrong");
        String token = token(Api.asAdmin().body(Map.of()).post("/api/v1/sites/{s}/reports", t.siteId()).path("url"));
        String flipped = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        String wrong = RestAssured.given().get("/r/{t}", flipped).then().statusCode(404).extract().asString();
        String malformed = RestAssured.given().get("/r/{t}", "x'><script>").then().statusCode(404).extract().asString();
        assertThat(wrong).isEqualTo(malformed).contains("Report not found").doesNotContain("wrong", "<script>");
    }

    @Test
    void anotherCustomersTokenNeitherCreatesNorRevokesAndEachLinkShowsOnlyItsSite() throws Exception {
        TestTenant a = seeded("customer-a-site");
        TestTenant b = seeded("customer-b-site");
        String adminA = Api.staffToken("admin", a.customerId());
        Response bLink = Api.asAdmin().body(Map.of()).post("/api/v1/sites/{s}/reports", b.siteId());
        String unknownSite = Api.as(adminA).body(Map.of()).post("/api/v1/sites/{s}/reports", UUID.randomUUID())
                .then().statusCode(404).extract().path("detail");
        String foreignSite = Api.as(adminA).body(Map.of()).post("/api/v1/sites/{s}/reports", b.siteId())
                .then().statusCode(404).extract().path("detail");
        assertThat(foreignSite.replace(b.siteId().toString(), "ID")).isEqualTo(unknownSite.replaceFirst("[0-9a-f-]{36}", "ID"));
        Api.as(adminA).delete("/api/v1/sites/{s}/reports/{r}", b.siteId(), bLink.<String>path("id")).then().statusCode(404);
        Api.as(adminA).delete("/api/v1/sites/{s}/reports/{r}", a.siteId(), bLink.<String>path("id")).then().statusCode(404);

        String aToken = token(Api.as(adminA).body(Map.of()).post("/api/v1/sites/{s}/reports", a.siteId())
                .then().statusCode(201).extract().path("url"));
        String aPage = RestAssured.given().get("/r/{t}", aToken).then().statusCode(200).extract().asString();
        String bPage = RestAssured.given().get("/r/{t}", token(bLink.path("url"))).then().statusCode(200).extract().asString();
        assertThat(aPage).contains("(customer-a-site)").doesNotContain("customer-b-site");
        assertThat(bPage).contains("(customer-b-site)").doesNotContain("customer-a-site");
    }

    @Test
    void badExpiryOrWindowIsA400NamingTheField() throws Exception {
        TestTenant t = Api.newTenant();
        Api.asAdmin().body(Map.of("expiresIn", "forever")).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("expiresIn"));
        Api.asAdmin().body(Map.of("expiresIn", "2161h")).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("expiresIn"))
                .body("errors[0].message", equalTo("must be between 1m and 2160h, got 2161h"));
        Api.asAdmin().body(Map.of("window", "10m")).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("window"));
        Api.as(Api.staffToken("read_only", t.customerId())).body(Map.of()).post("/api/v1/sites/{s}/reports", t.siteId())
                .then().statusCode(403);
    }

    private TestTenant seeded(String tag) throws Exception {
        TestTenant t = Api.newTenant();
        new ReportSeed(db).site(t.customerId(), t.siteId(), t.agentId(), now, tag);
        return t;
    }

    static String token(String url) {
        String path = URI.create(url).getPath();
        assertThat(path).startsWith("/r/");
        return path.substring(3);
    }
}
