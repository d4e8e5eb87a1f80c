package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.DashboardSqlIT.Range;
import io.callready.collector.grafana.FleetReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MSP's fleet-wide Grafana login (the Helm chart's data source), logged in with its password to a migrated
 * PostgreSQL holding the dashboards' seed: every dashboard query returns exactly what the database owner gets, across
 * customers; secrets, token hashes and channel URLs answer permission denied; nothing can be written; a new password
 * replaces the old one; two collectors setting it up at once both succeed; a new dash view is granted at the next start.
 */
class FleetReaderIT {
    private static final String HBA_LINE = "host all " + FleetReader.ROLE + " all scram-sha-256";
    private static final String PASSWORD = "fleet-reader-password-1";

    static SeededDatabase db;
    static Connection owner;

    @BeforeAll
    static void seed() throws Exception {
        db = SeededDatabase.start();
        owner = db.owner();
        try (var seed = FleetReaderIT.class.getResourceAsStream("/dashboard/seed.sql")) {
            owner.createStatement().execute(new String(Objects.requireNonNull(seed).readAllBytes(), StandardCharsets.UTF_8));
        }
        Rollups.fill(owner);
        requirePasswordForTheReader();
        FleetReader.ensure(owner, PASSWORD);
    }

    /** The throw-away server trusts every login; the reader must show its password, as on a real server. */
    private static void requirePasswordForTheReader() throws Exception {
        try (Statement s = owner.createStatement(); ResultSet rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            Path hba = Path.of(rs.getString(1));
            Files.writeString(hba, HBA_LINE + "\n" + Files.readString(hba));
            s.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (owner != null) {
            owner.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static Connection reader(String password) throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), FleetReader.ROLE, password);
        c.createStatement().execute("SET TIME ZONE 'UTC'");
        return c;
    }

    @Test
    void everyDashboardQueryReturnsWhatTheOwnerGetsAcrossCustomers() throws Exception {
        List<PanelQuery> queries = DashboardPanels.load(DashboardPanels.dashboardDir());
        assertThat(queries).isNotEmpty();
        try (Connection reader = reader(PASSWORD)) {
            for (PanelQuery q : queries) {
                for (Range range : Range.values()) {
                    String sql = DashboardSqlIT.expand(q, range);
                    assertThat(SeededDatabase.query(reader, sql)).as(q.key() + " over " + range).isEqualTo(SeededDatabase.query(owner, sql));
                }
            }
            assertThat(SeededDatabase.query(reader, "SELECT DISTINCT customer_id::text FROM sites ORDER BY 1").rows())
                    .containsExactly(List.of(DashboardSqlIT.ACME), List.of(DashboardSqlIT.BETA));
        }
    }

    @Test
    void secretsAreClosedAndNothingCanBeWritten() throws Exception {
        try (Connection reader = reader(PASSWORD)) {
            for (String closed : List.of("SELECT count(*) FROM staff_tokens", "SELECT count(*) FROM enrollment_codes",
                    "SELECT count(*) FROM agents", "SELECT count(*) FROM report_links", "SELECT count(*) FROM customer_readers",
                    "SELECT url FROM notify_channels", "SELECT event FROM notify_outbox", "SELECT count(*) FROM dash.results")) {
                assertThatThrownBy(() -> reader.createStatement().executeQuery(closed).close()).as(closed)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            assertThat(SeededDatabase.query(reader, "SELECT name, kind FROM notify_channels").rows()).isNotEmpty();
            assertThatThrownBy(() -> reader.createStatement().execute("DELETE FROM results"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            reader.createStatement().execute("SET default_transaction_read_only = off");
            for (String write : List.of("DELETE FROM results", "UPDATE sites SET name = 'x'", "CREATE TABLE public.mine (x int)")) {
                assertThatThrownBy(() -> reader.createStatement().execute(write)).as(write)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(SeededDatabase.query(owner, "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = '"
                + FleetReader.ROLE + "'").rows()).containsExactly(List.of("false", "false", "false", "false"));
    }

    @Test
    void aNewPasswordReplacesTheOldAndConcurrentStartsBothSucceed() throws Exception {
        String second = "fleet-reader-password-2";
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Callable<List<String>> start = () -> {
                try (Connection c = db.owner()) {
                    return FleetReader.ensure(c, second);
                }
            };
            List<Future<List<String>>> starts = List.of(pool.submit(start), pool.submit(start));
            for (Future<List<String>> f : starts) {
                assertThat(f.get()).contains("public.results", "public.results_5m", "public.results_1h", "public.results_3h", "public.notify_channels");
            }
        }
        try {
            assertThatThrownBy(() -> reader(PASSWORD).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection reader = reader(second)) {
                assertThat(SeededDatabase.query(reader, "SELECT count(*) FROM results").rows().getFirst().getFirst()).isNotEqualTo(0.0);
            }
        } finally {
            FleetReader.ensure(owner, PASSWORD);
        }
    }

    @Test
    void aRelationANewDashViewShowsIsGrantedAtTheNextStart() throws Exception {
        try (Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE public.site_extra (site_id uuid, customer_id uuid, note text, secret text)");
            s.execute("INSERT INTO public.site_extra VALUES (gen_random_uuid(), gen_random_uuid(), 'visible', 'hidden')");
            s.execute("CREATE VIEW dash.site_extra AS SELECT site_id, customer_id, note FROM public.site_extra");
        }
        try {
            try (Connection before = reader(PASSWORD)) {
                assertThatThrownBy(() -> before.createStatement().executeQuery("SELECT note FROM site_extra").close())
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            assertThat(FleetReader.ensure(owner, PASSWORD)).contains("public.site_extra");
            try (Connection reader = reader(PASSWORD)) {
                assertThat(SeededDatabase.query(reader, "SELECT note FROM site_extra").rows()).containsExactly(List.of("visible"));
                assertThatThrownBy(() -> reader.createStatement().executeQuery("SELECT secret FROM site_extra").close())
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        } finally {
            try (Statement s = owner.createStatement()) {
                s.execute("DROP VIEW dash.site_extra");
                s.execute("DROP TABLE public.site_extra");
            }
        }
    }
}
