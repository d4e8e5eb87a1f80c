package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ingest keeps site_latest (V215) as the newest stored result per site, kind and target: late older results, resends
 * and refused results leave it alone, ties go to the larger id, and it always equals a DISTINCT ON over results.
 */
@QuarkusTest
class SiteLatestIT {
    /** The migration's refill rule, computed from results for one site. */
    private static final String FROM_RESULTS = """
            SELECT DISTINCT ON (kind, target) kind, target, result_id, started_at, status, customer_id,
                   (metrics->>'mos')::float8, (metrics->>'jitter_up_ms')::float8, (metrics->>'loss_down_ratio')::float8, (metrics->>'rtt_ms')::float8
            FROM results WHERE site_id = ? ORDER BY kind, target, started_at DESC, result_id DESC""";
    private static final String FROM_LATEST = """
            SELECT kind, target, result_id, started_at, status, customer_id, mos, jitter_up_ms, loss_down_ratio, rtt_ms
            FROM site_latest WHERE site_id = ? ORDER BY kind, target""";

    @Inject
    AgroalDataSource db;

    @Test
    void newestStoredResultPerKindAndTargetWhateverOrderBatchesArriveIn() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        Api.TestTenant bystander = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID burstA = UUID.randomUUID();
        UUID sip = UUID.randomUUID();
        UUID stampB = UUID.randomUUID();
        UUID taken = UUID.randomUUID();
        post(tenant, 3, result(tenant, UUID.randomUUID(), "rtp_burst", "a:5004", now.minusSeconds(120), "ok", "\"mos\":4.4,\"rtt_ms\":20"),
                result(tenant, burstA, "rtp_burst", "a:5004", now.minusSeconds(60), "degraded", "\"mos\":3.9,\"rtt_ms\":120,\"jitter_up_ms\":22.5,\"loss_down_ratio\":0.004"),
                result(tenant, sip, "sip_alg", "pbx", now.minusSeconds(30), "failed", ""));
        post(tenant, 2, result(tenant, stampB, "stamp", "b:862", now.minusSeconds(10), "ok", "\"rtt_ms\":7.5"),
                result(tenant, taken, "rtp_burst", "c:5004", now.minusSeconds(200), "ok", "\"mos\":4.0"));
        assertThat(latestIds(tenant)).containsExactly(burstA, taken, sip, stampB);

        // an older burst arriving late, a resend, and a result refused because its id is stored with another start
        post(tenant, 1, result(tenant, UUID.randomUUID(), "rtp_burst", "a:5004", now.minusSeconds(600), "ok", "\"mos\":4.4"),
                result(tenant, burstA, "rtp_burst", "a:5004", now.minusSeconds(60), "degraded", "\"mos\":3.9"),
                result(tenant, taken, "rtp_burst", "c:5004", now.minusSeconds(1), "failed", "\"mos\":1.0"));
        assertThat(latestIds(tenant)).containsExactly(burstA, taken, sip, stampB);

        // two bursts of one start in one batch: the larger id in PostgreSQL's uuid order, as the refill picks
        Instant tie = now.minusSeconds(5);
        post(tenant, 2, result(tenant, UUID.randomUUID(), "rtp_burst", "a:5004", tie, "ok", "\"mos\":4.1"),
                result(tenant, UUID.randomUUID(), "rtp_burst", "a:5004", tie, "ok", "\"mos\":4.2"));

        List<List<Object>> latest = rows(FROM_LATEST, tenant.siteId());
        assertThat(latest).hasSize(4).isEqualTo(rows(FROM_RESULTS, tenant.siteId()));
        assertThat(latest.getFirst().get(3)).isEqualTo(tie.toString());
        assertThat(latest.get(1)).containsExactly("rtp_burst", "c:5004", taken.toString(), now.minusSeconds(200).toString(), "ok",
                tenant.customerId().toString(), 4.0, null, null, null);
        assertThat(rows(FROM_LATEST, bystander.siteId())).isEmpty();

        // the API's latest reads the same rows through site_latest
        List<String> api = Api.asAdmin().get("/api/v1/sites/{s}/results/latest", tenant.siteId())
                .then().statusCode(200).extract().path("id");
        assertThat(api).containsExactly(latest.stream().map(r -> (String) r.get(2)).toArray(String[]::new));
    }

    private static String result(Api.TestTenant tenant, UUID id, String kind, String target, Instant startedAt, String status, String metrics) {
        return """
                {"id":"%s","agentId":"%s","kind":"%s","target":"%s","startedAt":"%s","durationMs":1000,
                 "status":"%s","reason":"","metrics":{%s},"labels":{}}""".formatted(id, tenant.agentId(), kind, target, startedAt, status, metrics);
    }

    private static void post(Api.TestTenant tenant, int accepted, String... results) {
        Api.asAgent(tenant.token()).body("{\"results\":[" + String.join(",", results) + "]}").post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(accepted));
    }

    private List<UUID> latestIds(Api.TestTenant tenant) throws Exception {
        return rows(FROM_LATEST, tenant.siteId()).stream().map(r -> UUID.fromString((String) r.get(2))).toList();
    }

    private List<List<Object>> rows(String sql, UUID siteId) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, siteId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= 10; i++) {
                        Object v = rs.getObject(i);
                        row.add(i == 4 ? rs.getObject(i, java.time.OffsetDateTime.class).toInstant().toString() : v == null ? null : v instanceof Number n ? (Object) n.doubleValue() : v.toString());
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
