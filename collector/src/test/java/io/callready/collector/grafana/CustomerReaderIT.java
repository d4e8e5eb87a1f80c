package io.callready.collector.grafana;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.dashboard.DashboardPanels;
import io.callready.collector.dashboard.GrafanaMacros;
import io.callready.collector.dashboard.GrafanaMacros.Variable;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A customer's Grafana reader, logged in to the real database with the password the endpoint returned, sees only its
 * customer's rows in every relation the dashboards read, even with hand-written SQL; the base tables are closed to it;
 * rotation ends its sessions and the old password; the endpoint keeps to the token's customer scope.
 */
@QuarkusTest
class CustomerReaderIT {
    private static final String HBA_LINE = "host all +" + CustomerReaders.GROUP + " all scram-sha-256";

    @Inject
    AgroalDataSource db;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    TestTenant mine;
    TestTenant other;

    /** The throw-away test server trusts every login; readers must show a password, as on a real server. */
    @BeforeEach
    void requirePasswordsForReaders() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            Path hba = Path.of(rs.getString(1));
            String current = Files.readString(hba);
            if (!current.contains(HBA_LINE)) {
                Files.writeString(hba, HBA_LINE + "\n" + current);
                s.execute("SELECT pg_reload_conf()");
            }
        }
        mine = Api.newTenant();
        other = Api.newTenant();
        for (TestTenant t : List.of(mine, other)) {
            seed(t);
        }
    }

    @Test
    void readerSeesOnlyItsCustomerEvenWithHandWrittenSql() throws Exception {
        String password = Api.asAdmin().post("/api/v1/customers/{c}/grafana-reader", mine.customerId())
                .then().statusCode(200).body("role", equalTo(CustomerReaders.roleName(mine.customerId())))
                .body("searchPath", equalTo("dash")).extract().path("password");
        String role = CustomerReaders.roleName(mine.customerId());
        try (Connection reader = DriverManager.getConnection(jdbcUrl, role, password)) {
            for (String relation : List.of("results", "results_5m", "results_1h", "site_latest", "site_summary", "alerts", "sites", "qos_assessments")) {
                assertThat(count(reader, "SELECT count(*) FROM " + relation + " WHERE customer_id = '" + other.customerId() + "'"))
                        .as(relation + " of the other customer").isZero();
                assertThat(count(reader, "SELECT count(*) FROM " + relation + " WHERE customer_id <> '" + mine.customerId() + "'"))
                        .as(relation + " of any other customer").isZero();
                assertThat(count(reader, "SELECT count(*) FROM " + relation)).as(relation + " of its own customer").isPositive();
            }
            assertThat(count(reader, "SELECT count(*) FROM customers")).isEqualTo(1);
            assertThat(count(reader, "SELECT count(*) FROM incidents")).isEqualTo(1);
            assertThat(count(reader, "SELECT count(*) FROM notify_outbox")).isEqualTo(1);
            for (String base : List.of("public.results", "public.results_1h", "public.site_latest", "public.site_summary", "public.alerts", "public.customers", "public.notify_channels",
                    "public.customer_readers", "public.staff_tokens")) {
                assertThatThrownBy(() -> count(reader, "SELECT count(*) FROM " + base)).as(base)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            assertThatThrownBy(() -> reader.createStatement().execute("CREATE TABLE dash.mine (x int)")).isInstanceOf(SQLException.class);
            // the fleet dashboard's own query, with "All" customers chosen, lists only this customer's site
            var fleet = DashboardPanels.load(DashboardPanels.dashboardDir()).stream()
                    .filter(q -> q.key().equals("callready-fleet/2/A")).findFirst().orElseThrow();
            String sql = new GrafanaMacros(Instant.now().minus(Duration.ofHours(1)), Instant.now(), Duration.ofMinutes(1),
                    Map.of("customer", Variable.multi(mine.customerId().toString(), other.customerId().toString()))).expand(fleet.rawSql());
            try (ResultSet rs = reader.createStatement().executeQuery(sql)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("site_id")).isEqualTo(mine.siteId().toString());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void rotationEndsSessionsAndTheOldPassword() throws Exception {
        String role = CustomerReaders.roleName(mine.customerId());
        String first = Api.asAdmin().post("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(200).extract().path("password");
        try (Connection open = DriverManager.getConnection(jdbcUrl, role, first)) {
            assertThat(count(open, "SELECT count(*) FROM results")).isPositive();
            String second = Api.asAdmin().post("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(200).extract().path("password");
            assertThat(second).isNotEqualTo(first);
            assertThatThrownBy(() -> count(open, "SELECT count(*) FROM results")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, role, first).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection again = DriverManager.getConnection(jdbcUrl, role, second)) {
                assertThat(count(again, "SELECT count(*) FROM results")).isPositive();
            }
        }
        Api.asAdmin().delete("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(204);
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, role, "anything").close()).isInstanceOf(SQLException.class);
        Api.asAdmin().delete("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void endpointKeepsToTheTokensCustomerScope() {
        String otherAdmin = Api.staffToken("admin", other.customerId());
        String reader = Api.staffToken("read_only", null);
        String foreign = Api.as(otherAdmin).post("/api/v1/customers/{c}/grafana-reader", mine.customerId())
                .then().statusCode(404).contentType(containsString("application/problem+json")).extract().path("detail");
        String unknown = Api.as(otherAdmin).post("/api/v1/customers/{c}/grafana-reader", UUID.randomUUID())
                .then().statusCode(404).contentType(containsString("application/problem+json")).extract().path("detail");
        assertThat(foreign.replace(mine.customerId().toString(), "ID")).isEqualTo(unknown.replaceAll("[0-9a-f-]{36}", "ID"));
        Api.as(reader).post("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        Api.as(otherAdmin).post("/api/v1/customers/{c}/grafana-reader", other.customerId()).then().statusCode(200);
    }

    /** Every dashboard query, short and long range, runs for the reader: no relation or column it reads is closed to it. */
    @Test
    void readerRunsEveryDashboardQuery() throws Exception {
        String password = Api.asAdmin().post("/api/v1/customers/{c}/grafana-reader", mine.customerId()).then().statusCode(200).extract().path("password");
        String customer = mine.customerId().toString();
        try (Connection reader = DriverManager.getConnection(jdbcUrl, CustomerReaders.roleName(mine.customerId()), password)) {
            for (var q : DashboardPanels.load(DashboardPanels.dashboardDir())) {
                Map<String, Variable> variables = q.key().startsWith("callready-fleet/") || q.key().startsWith("callready-alerts/")
                        ? Map.of("customer", Variable.multi(customer))
                        : Map.of("customer", Variable.single(customer), "site", Variable.single(mine.siteId().toString()));
                for (Duration range : List.of(Duration.ofHours(1), Duration.ofDays(30))) {
                    String sql = new GrafanaMacros(Instant.now().minus(range), Instant.now(), Duration.ofMinutes(1), variables).expand(q.rawSql());
                    try (ResultSet rs = reader.createStatement().executeQuery(sql)) {
                        assertThat(rs.getMetaData().getColumnCount()).as(q.key()).isPositive();
                    }
                }
            }
        }
    }

    private void seed(TestTenant t) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        UUID alert = UUID.randomUUID();
        UUID incident = UUID.randomUUID();
        UUID channel = UUID.randomUUID();
        // through ingest, so site_latest gets its row as in production
        Api.asAgent(t.token()).body("""
                {"results":[{"id":"%s","agentId":"%s","kind":"rtp_burst","target":"reflector","startedAt":"%s","durationMs":1000,
                 "status":"ok","reason":"","metrics":{"mos":4.2,"rtt_ms":30},"labels":{}}]}"""
                .formatted(UUID.randomUUID(), t.agentId(), now.minusMinutes(2).toInstant())).post("/api/v1/results").then().statusCode(200).body("accepted", equalTo(1));
        try (Connection c = db.getConnection()) {
            for (String rollup : List.of("results_5m", "results_1h")) {
                exec(c, "INSERT INTO " + rollup + " (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count) "
                        + "VALUES (?, ?, ?, 'reflector', 'rtp_burst', 1, 1, 0)", now.truncatedTo(ChronoUnit.HOURS), t.customerId(), t.siteId());
            }
            exec(c, "INSERT INTO incidents (id, target, state, opened_at) VALUES (?, ?, 'open', ?)", incident, "reader-" + incident, now);
            exec(c, "INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, severity, state, started_at, incident_id) "
                    + "VALUES (?, ?, 'agent_offline', ?, ?, 'warning', 'firing', ?, ?)", alert, "reader-" + alert, t.customerId(), t.siteId(), now, incident);
            exec(c, "INSERT INTO notify_channels (id, name, kind, url, created_at) VALUES (?, ?, 'webhook', 'https://hooks.invalid/x', ?)",
                    channel, "reader-" + channel, now);
            exec(c, "INSERT INTO notify_outbox (message_id, channel_id, event, status, created_at, next_attempt_at, give_up_at, alert_id) "
                    + "VALUES (?, ?, '{}', 'delivered', ?, ?, ?, ?)", "reader-" + alert, channel, now, now, now, alert);
            exec(c, "INSERT INTO qos_assessments (site_id, customer_id, verdict, assessment, computed_at, results_through) "
                    + "VALUES (?, ?, 'insufficient_data', '{}', ?, ?)", t.siteId(), t.customerId(), now, now);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
