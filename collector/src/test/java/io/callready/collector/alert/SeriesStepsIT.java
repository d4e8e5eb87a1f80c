package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeriesSteps} against {@link BreachRule#decide} applied sample by sample, for rules the
 * configuration allows but the default does not use: N consecutive, 1 of 5 with a clear count short enough that a
 * sample both breaches the window and clears (the alert flips), and the default. Random level sequences over two
 * pages, so the second starts from stored levels and firing alerts: after each page the stored alert and levels are
 * what the rule says ({@link SeriesTimelineTest} checks every sample). Everything runs in a rolled-back transaction.
 */
@QuarkusTest
class SeriesStepsIT {
    /** jitter_ms with the default thresholds (20 / 30, 10 % hysteresis): clear, band, warning, critical. */
    private static final double[] VALUE_OF_LEVEL = {5, 19, 25, 35};
    private static final int SERIES = 40;

    @Inject
    AgroalDataSource db;

    @Test
    void theSqlDecidesLikeTheRuleForEveryAllowedShape() throws SQLException {
        for (BreachRule rule : List.of(new BreachRule(3, 5, 3), new BreachRule(1, 5, 2), new BreachRule(2, 2, 1),
                new BreachRule(1, 1, 1), new BreachRule(4, 7, 2))) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try {
                    compare(c, rule, new Random(rule.hashCode()));
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private void compare(Connection c, BreachRule rule, Random rnd) throws SQLException {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        execute(c, """
                CREATE TEMP TABLE eval_samples (customer_id uuid, site_id uuid, target text, metric text, ordinal int,
                                                started_at timestamptz, result_id uuid, value float8) ON COMMIT DROP""");
        List<UUID> sites = new ArrayList<>();
        Map<UUID, List<Integer>> levels = new HashMap<>();
        Map<UUID, Optional<Severity>> state = new HashMap<>();
        for (int i = 0; i < SERIES; i++) {
            UUID site = UUID.randomUUID();
            sites.add(site);
            levels.put(site, new ArrayList<>());
            state.put(site, Optional.empty());
        }
        int flips = 0;
        for (int page = 0; page < 2; page++) {
            execute(c, "TRUNCATE eval_samples");
            Map<UUID, List<Optional<Severity>>> expected = new HashMap<>();
            for (UUID site : sites) {
                List<Optional<Severity>> after = new ArrayList<>();
                int n = 1 + rnd.nextInt(12);
                for (int i = 0; i < n; i++) {
                    int level = rnd.nextInt(4);
                    insert(c, site, now.plusSeconds(page * 1000L + i * 10L), VALUE_OF_LEVEL[level]);
                    List<Integer> history = levels.get(site);
                    history.add(level);
                    int[] recent = history.subList(Math.max(0, history.size() - rule.history()), history.size())
                            .stream().mapToInt(Integer::intValue).toArray();
                    Optional<Severity> before = state.get(site);
                    Optional<Severity> decided = rule.decide(before, recent);
                    flips += before.isPresent() && decided.isEmpty() && rule.decide(Optional.empty(), recent).isPresent() ? 1 : 0;
                    state.put(site, decided);
                    after.add(decided);
                }
                expected.put(site, after);
            }
            SeriesSteps.Outcome outcome = SeriesSteps.evaluate(c, rule, 0.1, null, now.plusSeconds(page * 1000L + 500));
            assertThat(outcome.samples()).as("%s page %d samples", rule, page).isEqualTo(expected.values().stream().mapToInt(List::size).sum());
            for (UUID site : sites) {
                List<Integer> history = levels.get(site);
                assertThat(storedLevels(c, site)).as("%s page %d site %s stored levels", rule, page, site)
                        .isEqualTo(history.subList(Math.max(0, history.size() - rule.history()), history.size()));
            }
            for (UUID site : sites) {
                assertThat(firing(c, site)).as("%s page %d site %s stored alert", rule, page, site).isEqualTo(state.get(site));
            }
        }
        if (rule.window() - rule.clearCount() >= rule.count()) {
            assertThat(flips).as("%s: samples that both breach and clear", rule).isPositive();
        }
        execute(c, "DROP TABLE eval_samples");
    }

    private static void insert(Connection c, UUID site, Instant startedAt, double value) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("""
                INSERT INTO eval_samples VALUES (?, ?, 'steps.example', 'jitter_ms', 0, ?, gen_random_uuid(), ?)""")) {
            i.setObject(1, site); // the customer: one per site is enough here
            i.setObject(2, site);
            i.setObject(3, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            i.setDouble(4, value);
            i.executeUpdate();
        }
    }

    private static List<Integer> storedLevels(Connection c, UUID site) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT unnest(recent_levels) FROM alert_series WHERE site_id = ?")) {
            q.setObject(1, site);
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        }
    }

    private static Optional<Severity> firing(Connection c, UUID site) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT severity FROM alerts WHERE site_id = ? AND state = 'firing'")) {
            q.setObject(1, site);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(Severity.fromWire(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
