package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path with real parts: collector (embedded PostgreSQL), reflector and agent as separate processes,
 * started by the demo itself; the rows are then read straight from PostgreSQL.
 */
class DemoIT {
    private final ObjectMapper json = Json.newMapper();

    @Test
    void agentResultsReachPostgresUnderTheRightTenant() throws Exception {
        Path root = Path.of(System.getProperty("callready.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("callready-demo-it");
        int dbPort = DemoMain.tcpPortOrFree(0);
        var options = new DemoOptions(root, data, 2, Duration.ofSeconds(3), Duration.ofSeconds(1),
                DemoMain.tcpPortOrFree(0), DemoMain.udpPortOrFree(0), dbPort);
        var printed = new ByteArrayOutputStream();
        List<StoredRow> rows = new ArrayList<>();
        List<JsonNode> shown = new ArrayList<>();

        try (Demo demo = new Demo(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            demo.run((cycle, result, enrollment) -> {
                shown.add(result);
                if (cycle == 2) {
                    rows.addAll(readRows(dbPort));
                    assertDashboardQueriesReturnData(root, dbPort, enrollment);
                    assertThat(rows).allSatisfy(r -> {
                        assertThat(r.customerName()).isEqualTo(Demo.CUSTOMER);
                        assertThat(r.siteName()).isEqualTo(Demo.SITE);
                        assertThat(r.siteId()).isEqualTo(enrollment.siteId());
                        assertThat(r.agentId()).isEqualTo(enrollment.agentId());
                    });
                }
            });
        }

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("MOS", "jitter up/down", "/q/health", "/traffic", "/qos-advice");
        // loopback carries the bursts, so the local wan_traffic probe on lo sees them; a 2-cycle demo is far from a verdict
        assertThat(output).contains("local:lo", "traffic up ").containsPattern("QoS verdict insufficient_data \\(low confidence\\): .*more");
        assertThat(shown).hasSize(2).allSatisfy(r -> assertThat(r.path("kind").asText()).isEqualTo("rtp_burst"));
        assertThat(rows).filteredOn(r -> r.kind().equals("rtp_burst")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows).extracting(StoredRow::kind).isSubsetOf("rtp_burst", "wan_traffic");
        for (StoredRow r : rows.stream().filter(r -> r.kind().equals("rtp_burst")).toList()) {
            JsonNode m = json.readTree(r.metrics());
            assertThat(r.status()).isEqualTo("ok");
            assertThat(m.path("loss_up_ratio").asDouble(-1)).isZero();
            assertThat(m.path("loss_down_ratio").asDouble(-1)).isZero();
            assertThat(m.path("rtt_ms").asDouble(-1)).isBetween(0.0, 5.0);
            assertThat(m.path("packets_sent_count").asDouble()).isEqualTo(50.0);
            assertThat(m.path("mos").asDouble()).isBetween(4.3, 4.5);
        }
    }

    record StoredRow(String customerName, String siteName, String siteId, String agentId, String kind, String status,
                     String metrics) {
    }

    /** Panels that must find the demo's RTP bursts; the others (alerts, traffic, checklist, advice) may be empty here. */
    private static final java.util.Set<String> PANELS_WITH_DEMO_DATA = java.util.Set.of(
            "callready-site/1/A", "callready-site/2/A", "callready-site/3/A", "callready-site/4/A", "callready-site/9/A",
            "callready-fleet/1/A", "callready-fleet/2/A");

    /** The dashboards must read what the collector stores: every query runs and the quality panels find data. */
    private static void assertDashboardQueriesReturnData(Path root, int dbPort, Demo.Enrollment e) throws Exception {
        var queries = DashboardQueries.load(root.resolve("dashboards/json"), e.customerId(), e.siteId());
        assertThat(queries).extracting(DashboardQueries.Query::key).containsAll(PANELS_WITH_DEMO_DATA);
        try (Connection c = connect(dbPort)) {
            for (var q : queries) {
                try (ResultSet rs = c.createStatement().executeQuery(q.sql())) {
                    boolean found = rs.next();
                    if (!q.panel() || PANELS_WITH_DEMO_DATA.contains(q.key())) {
                        assertThat(found).as(q.where() + " returns rows:\n" + q.sql()).isTrue();
                    }
                }
            }
        }
    }

    private static Connection connect(int dbPort) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/callready", "postgres", "");
    }

    private static List<StoredRow> readRows(int dbPort) throws Exception {
        List<StoredRow> out = new ArrayList<>();
        try (Connection c = connect(dbPort);
             ResultSet rs = c.createStatement().executeQuery("""
                     SELECT c.name, s.name, r.site_id, r.agent_id, r.kind, r.status, r.metrics::text
                     FROM results r JOIN sites s ON s.id = r.site_id JOIN customers c ON c.id = r.customer_id
                     JOIN agents a ON a.id = r.agent_id AND a.site_id = s.id
                     ORDER BY r.started_at""")) {
            while (rs.next()) {
                out.add(new StoredRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }
}
