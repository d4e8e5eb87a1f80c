package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.DashboardSqlIT.Range;
import io.callready.collector.dashboard.SeededDatabase.Table;
import io.callready.collector.storage.StandaloneRollups;
import io.callready.collector.support.PgliteTimescale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same seed ({@code dashboard/seed.sql}, DashboardSqlIT's) in plain PostgreSQL and in PGlite with TimescaleDB
 * (PostgreSQL 17.5 on WASM with timescaledb 2.23.0-dev, migrated by the collector's Flyway scripts), each with its
 * rollups made the way that mode makes them: the collector's RollupJob on plain PostgreSQL, and on TimescaleDB the
 * refresh each continuous aggregate's policy makes at the dashboards' "now" (its own start and end offsets). Every
 * dashboard query, in every range DashboardSqlIT checks, returns the same columns and rows on both: in the same order
 * where the query orders its result, numbers equal within a relative 1e-9 (float aggregation order).
 */
class TimescaleDashboardParityIT {
    /** An ORDER BY after the last closing parenthesis orders the whole result. */
    private static final Pattern ORDERED = Pattern.compile("(?is).*\\bORDER\\s+BY\\b[^()]*$");
    private static final double RELATIVE = 1e-9;

    static SeededDatabase plain;
    static Connection plainConnection;
    static PgliteTimescale ts;
    static List<PanelQuery> queries;

    @BeforeAll
    static void seedBoth() throws Exception {
        String seed;
        try (var in = TimescaleDashboardParityIT.class.getResourceAsStream("/dashboard/seed.sql")) {
            seed = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
        // PGlite starts (a node process) while plain PostgreSQL starts and migrates
        CompletableFuture<PgliteTimescale> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return PgliteTimescale.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            plain = SeededDatabase.start();
            plainConnection = plain.owner();
            plainConnection.createStatement().execute(seed);
            assertThat(StandaloneRollups.recomputeAll(plain.jdbcUrl(), plain.username())).isPositive();
        } finally {
            ts = starting.join();
        }
        Flyway.configure().dataSource(ts.dataSource()).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        ts.connection().createStatement().execute(seed);
        refreshAsThePoliciesWouldAt(ts.connection(), DashboardSqlIT.NOW);
        queries = DashboardPanels.load(DashboardPanels.dashboardDir());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (plainConnection != null) {
                plainConnection.close();
            }
            if (plain != null) {
                plain.close();
            }
        } finally {
            if (ts != null) {
                ts.close();
            }
        }
    }

    @Test
    void everyDashboardQueryReturnsTheSameRowsOnTimescaleDbAsOnPlainPostgresAlsoFromCompressedChunks() throws Exception {
        assertThat(queries).hasSize(DashboardSqlIT.COLUMNS.size());
        assertThat(differences()).isEmpty();
        // what the compression policy does to chunks older than 7 days, done to both days of the seed (27th, 30th)
        assertThat(SeededDatabase.query(ts.connection(), "SELECT count(compress_chunk(ch)) FROM show_chunks('results') ch").rows())
                .containsExactly(List.of(2.0));
        assertThat(differences()).isEmpty();
    }

    /** Each query and range whose answer on TimescaleDB differs from plain PostgreSQL's, and how. */
    private static List<String> differences() throws SQLException {
        List<String> differences = new ArrayList<>();
        int nonEmpty = 0;
        for (PanelQuery q : queries) {
            for (Range range : Range.values()) {
                String sql = DashboardSqlIT.expand(q, range);
                Table onPlain = SeededDatabase.query(plainConnection, sql);
                Table onTimescale = SeededDatabase.query(ts.connection(), sql);
                nonEmpty += onPlain.rows().isEmpty() ? 0 : 1;
                String difference = difference(onPlain, onTimescale, ORDERED.matcher(sql.strip()).matches());
                if (difference != null) {
                    differences.add(q.key() + " over " + range + ": " + difference);
                }
            }
        }
        assertThat(nonEmpty).as("queries × ranges with rows").isGreaterThan(queries.size());
        return differences;
    }

    /**
     * What the refresh policy of each continuous aggregate materialises when it runs at {@code now}: the window from
     * now minus its start offset to now minus its end offset (read from the policy itself).
     */
    private static void refreshAsThePoliciesWouldAt(Connection c, Instant now) throws SQLException {
        List<String[]> policies = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("""
                SELECT hypertable_name, config ->> 'start_offset', config ->> 'end_offset' FROM timescaledb_information.jobs
                WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY hypertable_name""")) {
            while (rs.next()) {
                policies.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        assertThat(policies).extracting(p -> p[0]).containsExactly("results_1h", "results_3h", "results_5m");
        for (String[] p : policies) {
            c.createStatement().execute("CALL refresh_continuous_aggregate('%s', TIMESTAMPTZ '%s' - INTERVAL '%s', TIMESTAMPTZ '%s' - INTERVAL '%s')"
                    .formatted(p[0], now, p[1], now, p[2]));
        }
    }

    /** Null when both tables hold the same columns and rows, else what differs. */
    static String difference(Table expected, Table actual, boolean ordered) {
        if (!expected.columns().equals(actual.columns())) {
            return "columns " + actual.columns() + " instead of " + expected.columns();
        }
        List<List<Object>> want = new ArrayList<>(expected.rows());
        List<List<Object>> got = new ArrayList<>(actual.rows());
        if (!ordered) {
            want.sort(ROWS);
            got.sort(ROWS);
        }
        if (want.size() != got.size() || !sameRows(want, got)) {
            return "rows " + got + " instead of " + want;
        }
        return null;
    }

    private static boolean sameRows(List<List<Object>> want, List<List<Object>> got) {
        for (int r = 0; r < want.size(); r++) {
            for (int i = 0; i < want.get(r).size(); i++) {
                if (!sameCell(want.get(r).get(i), got.get(r).get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameCell(Object want, Object got) {
        if (want instanceof Double w && got instanceof Double g) {
            return w.equals(g) || Math.abs(w - g) <= RELATIVE * Math.max(Math.abs(w), Math.abs(g));
        }
        return Objects.equals(want, got);
    }

    /** Any total order that does not depend on float noise beyond the tolerance: cells compared as text, numbers rounded. */
    private static final Comparator<List<Object>> ROWS = Comparator.comparing(row -> {
        StringBuilder key = new StringBuilder();
        for (Object cell : row) {
            key.append(cell instanceof Double d ? "%.6e".formatted(d) : String.valueOf(cell)).append('\u0000');
        }
        return key.toString();
    });
}
