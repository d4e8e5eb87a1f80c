package io.callready.collector.storage;

import io.callready.collector.config.CollectorConfig;
import io.callready.collector.support.PgliteTimescale;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The TimescaleDB branch of every migration, run by Flyway exactly as the collector runs it (classpath:db/migration,
 * out of order allowed) on PGlite with TimescaleDB ({@link PgliteTimescale}: PostgreSQL 17.5 on WASM with
 * timescaledb 2.23.0-dev, not the production binary): results becomes a hypertable chunked by day and compressed
 * after 7 days, the retention policies are TimescalePolicies' own SQL, and results_5m/results_1h are continuous
 * aggregates that refresh by the rollup value rules of V104 (poison metrics do not break a refresh).
 */
class TimescaleMigrationIT {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Instant HOUR = Instant.parse("2026-11-30T10:00:00Z");
    private static final UUID SITE = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID HUGE_MOS_SITE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    static PgliteTimescale ts;
    static Connection c;
    static MigrateResult migrated;

    @BeforeAll
    static void migrate() throws Exception {
        ts = PgliteTimescale.start();
        c = ts.connection();
        migrated = Flyway.configure().dataSource(ts.dataSource()).locations("classpath:db/migration").outOfOrder(true).load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ts != null) {
            ts.close();
        }
    }

    @Test
    void everyMigrationAppliesWithItsTimescaleBranch() throws Exception {
        assertThat(migrated.success).isTrue();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            assertThat(migrated.migrationsExecuted).isEqualTo(files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count());
        }
        assertThat(rows("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")).containsExactly(row("2.23.0-dev"));
        assertThat(rows("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).containsExactly(row("0"));
    }

    @Test
    void resultsIsAHypertableByDayCompressedAfterSevenDaysPerSite() throws Exception {
        assertThat(rows("SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'"))
                .containsExactly(row("results", "t"));
        assertThat(rows("SELECT column_name, time_interval FROM timescaledb_information.dimensions WHERE hypertable_name = 'results'"))
                .containsExactly(row("started_at", "1 day"));
        assertThat(rows("SELECT segmentby, orderby FROM timescaledb_information.hypertable_compression_settings WHERE hypertable = 'results'::regclass"))
                .containsExactly(row("site_id", "started_at DESC"));
        assertThat(rows("SELECT config ->> 'compress_after' FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression' AND hypertable_name = 'results'"))
                .containsExactly(row("7 days"));
    }

    @Test
    void retentionPoliciesAreTimescalePoliciesOwnAndReplacedAtEveryStart() throws Exception {
        TimescalePolicies.setRetention(c, retention(Map.of()));
        assertThat(retentionSeconds()).containsExactly(
                row("results", Long.toString(Duration.ofDays(30).toSeconds())),
                row("results_1h", Long.toString(Duration.ofDays(395).toSeconds())),
                row("results_3h", Long.toString(Duration.ofDays(395).toSeconds())),
                row("results_5m", Long.toString(Duration.ofDays(90).toSeconds())));

        TimescalePolicies.setRetention(c, retention(Map.of("callready.retention.raw", "14D", "callready.retention.rollup-1h", "800D")));
        assertThat(retentionSeconds()).containsExactly(
                row("results", Long.toString(Duration.ofDays(14).toSeconds())),
                row("results_1h", Long.toString(Duration.ofDays(800).toSeconds())),
                row("results_3h", Long.toString(Duration.ofDays(800).toSeconds())),
                row("results_5m", Long.toString(Duration.ofDays(90).toSeconds())));
    }

    @Test
    void continuousAggregatesRefreshByTheRollupValueRules() throws Exception {
        assertThat(rows("SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY view_name"))
                .containsExactly(row("results_1h"), row("results_3h"), row("results_5m"));
        assertThat(rows("""
                SELECT hypertable_name, schedule_interval, config ->> 'start_offset', config ->> 'end_offset' FROM timescaledb_information.jobs
                WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY hypertable_name"""))
                .containsExactly(row("results_1h", "00:30:00", "7 days", "01:00:00"), row("results_3h", "01:00:00", "7 days", "03:00:00"),
                        row("results_5m", "00:05:00", "7 days", "00:05:00"));

        insert(10, "ok", "{\"mos\": 4.0, \"rtt_ms\": 20, \"jitter_up_ms\": 5, \"jitter_down_ms\": 7, \"loss_up_ratio\": 0, \"loss_down_ratio\": 0.01}");
        insert(70, "degraded", "{\"mos\": 4.2, \"rtt_ms\": 30, \"jitter_up_ms\": 2, \"jitter_down_ms\": 1, \"loss_up_ratio\": 0.02, \"loss_down_ratio\": 0}");
        insert(299, "ok", "{\"mos\": 3.5, \"rtt_ms\": 40, \"jitter_up_ms\": 10, \"jitter_down_ms\": 3, \"loss_up_ratio\": 0, \"loss_down_ratio\": 0}");
        insert(420, "failed", "{}");
        // poison: two rtt_ms of 1e308 overflow a double sum, the rest are not finite numbers
        insert(600, "ok", "{\"rtt_ms\": 1e308}");
        insert(601, "ok", "{\"rtt_ms\": 1e308}");
        insert(602, "ok", "{\"rtt_ms\": \"NaN\", \"jitter_up_ms\": 1e400, \"mos\": \"x\"}");
        // a hypertable refuses -infinity; +infinity lands in an open-ended chunk and in no finite bucket
        assertThatThrownBy(() -> insert(SITE, "-infinity", "ok", "{\"mos\": 1.0}")).hasMessageContaining("timestamp out of range");
        insert(SITE, "infinity", "ok", "{\"mos\": 1.0}");
        // another site's MOS near the largest double, twice in its hour: the 3-hour tier weighs that hour's mean by its
        // two bursts, which overflows a double (V219 stopped the refresh of results_3h for every site; V220 sums exactly)
        insert(HUGE_MOS_SITE, HOUR.plusSeconds(5).toString(), "ok", "{\"mos\": 1e308}");
        insert(HUGE_MOS_SITE, HOUR.plusSeconds(6).toString(), "ok", "{\"mos\": 1.7976931348623157e308}");
        // explicit windows, not NULL, NULL: a refresh may move the real-time watermark up to its end
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_5m', TIMESTAMPTZ '2026-11-30', TIMESTAMPTZ '2026-12-01')");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_1h', TIMESTAMPTZ '2026-11-30', TIMESTAMPTZ '2026-12-01')");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_3h', TIMESTAMPTZ '2026-11-30', TIMESTAMPTZ '2026-12-01')");

        List<List<Object>> fiveMinutes = values("""
                SELECT bucket, result_count, ok_count, failed_count, mos_avg, mos_min, mos_max, rtt_ms_avg, rtt_ms_max,
                       jitter_ms_avg, jitter_ms_max, loss_ratio_avg, loss_ratio_max FROM results_5m WHERE site_id = ? AND isfinite(bucket) ORDER BY bucket""");
        assertThat(fiveMinutes).hasSize(3);
        assertNear(fiveMinutes.get(0), HOUR, 3, 2, 0, 3.9, 3.5, 4.2, 30, 40, 19.0 / 3, 10, 0.01, 0.02);
        assertNear(fiveMinutes.get(1), HOUR.plusSeconds(300), 1, 0, 1, null, null, null, null, null, null, null, null, null);
        assertNear(fiveMinutes.get(2), HOUR.plusSeconds(600), 3, 3, 0, null, null, null, 1e308, 1e308, null, null, null, null);
        List<List<Object>> hour = values("SELECT bucket, result_count, failed_count, mos_avg, rtt_ms_max FROM results_1h WHERE site_id = ? AND isfinite(bucket)");
        assertThat(hour).hasSize(1);
        assertNear(hour.getFirst(), HOUR, 7, 1, 3.9, 1e308);
        // V219, from that hour: its bursts weigh the hour's means, and fall into the classes of those means
        List<List<Object>> threeHours = values("""
                SELECT bucket, result_count, mos_avg, mos_weight, mos_acceptable, jitter_ms_good, rtt_ms_problematic, mos_good + mos_problematic
                FROM results_3h WHERE site_id = ? AND isfinite(bucket)""");
        assertThat(threeHours).hasSize(1);
        assertNear(threeHours.getFirst(), Instant.parse("2026-11-30T09:00:00Z"), 7, 3.9, 7, 7, 7, 7, 0);
        assertThat(rows("SELECT result_count, mos_weight, abs(mos_avg / ((1e308::numeric + 1.7976931348623157e308) / 2)::float8 - 1) < 1e-12"
                + " FROM results_3h"
                + " WHERE site_id = '" + HUGE_MOS_SITE + "' AND bucket = '2026-11-30T09:00:00Z'")).containsExactly(row("2", "2", "t"));
        // unlike RollupJob, which leaves it out, the real-time part (V211) puts it in a bucket at infinity, which no
        // time range reaches
        for (String rollup : List.of("results_5m", "results_1h", "results_3h")) {
            assertThat(rows("SELECT bucket, result_count FROM " + rollup + " WHERE site_id = '" + SITE + "' AND NOT isfinite(bucket)"))
                    .as(rollup).containsExactly(row("infinity", "1"));
        }
    }

    /** V211: a result after the last refresh is in the rollups at once, for the owner and for a customer's reader. */
    @Test
    void rollupsAnswerInRealTimeBeyondTheLastRefreshAlsoThroughTheReaderViews() throws Exception {
        assertThat(rows("SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates ORDER BY view_name"))
                .containsExactly(row("results_1h", "f"), row("results_3h", "f"), row("results_5m", "f"));
        UUID site = UUID.randomUUID();
        // later than every other test's data and refresh window, so above the watermark whatever ran before
        Instant late = Instant.parse("2027-06-01T18:00:00Z");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_5m', TIMESTAMPTZ '2027-06-01', TIMESTAMPTZ '2027-06-01T18:00:00Z')");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_1h', TIMESTAMPTZ '2027-06-01', TIMESTAMPTZ '2027-06-01T18:00:00Z')");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_3h', TIMESTAMPTZ '2027-06-01', TIMESTAMPTZ '2027-06-01T18:00:00Z')");
        insert(site, late.plusSeconds(30).toString(), "ok", "{\"mos\": 4.1}");
        String reader = "callready_reader_" + site.toString().replace("-", "");
        c.createStatement().execute("INSERT INTO customers (id, name) VALUES ('" + site + "', 'late')");
        c.createStatement().execute("CREATE ROLE " + reader + " IN ROLE callready_customer_readers");
        c.createStatement().execute("INSERT INTO customer_readers (role_name, customer_id) VALUES ('" + reader + "', '" + site + "')");
        for (String relation : List.of("results_5m", "results_1h", "results_3h", "dash.results_5m", "dash.results_1h", "dash.results_3h")) {
            // dash.*: as the customer's reader role, through the views Grafana reads
            c.createStatement().execute(relation.startsWith("dash.") ? "SET ROLE " + reader : "RESET ROLE");
            try (PreparedStatement q = c.prepareStatement("SELECT bucket, result_count FROM " + relation + " WHERE site_id = ?")) {
                q.setObject(1, site);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).as(relation).isTrue();
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).as(relation).isEqualTo(late);
                    assertThat(rs.getLong(2)).as(relation).isEqualTo(1);
                }
            } finally {
                c.createStatement().execute("RESET ROLE");
            }
        }
    }

    @Test
    void aCompressedChunkStillAnswersAndRollsUp() throws Exception {
        UUID site = UUID.randomUUID();
        Instant old = Instant.parse("2026-10-01T08:00:00Z");
        insert(site, old.toString(), "ok", "{\"mos\": 4.1}");
        assertThat(rows("SELECT count(*) FROM (SELECT compress_chunk(ch) FROM show_chunks('results', older_than => TIMESTAMPTZ '2026-10-02') ch) x"))
                .containsExactly(row("1"));
        assertThat(rows("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'results' AND is_compressed")).containsExactly(row("1"));
        insert(site, old.plusSeconds(60).toString(), "ok", "{\"mos\": 3.9}");
        c.createStatement().execute("CALL refresh_continuous_aggregate('results_5m', TIMESTAMPTZ '2026-10-01', TIMESTAMPTZ '2026-10-02')");
        try (PreparedStatement q = c.prepareStatement("SELECT result_count, mos_avg FROM results_5m WHERE site_id = ?")) {
            q.setObject(1, site);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getDouble(2)).isCloseTo(4.0, within(1e-12));
            }
        }
    }

    /**
     * A TimescaleDB database of the release that shipped V1-V3, V100-V103, V200 and V201 upgrades as the collector
     * upgrades it (out of order): the continuous aggregates are recreated (V104, V107), rebuilt from the raw results
     * on refresh, and the schema ends as a fresh install's.
     */
    @Test
    void anEarlierReleasesTimescaleDatabaseUpgradesToTheFreshSchemaKeepingItsResults(@TempDir Path dir) throws Exception {
        Set<String> released = Set.of("1", "2", "3", "100", "101", "102", "103", "200", "201");
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("V\\d+__.*\\.sql") && released.contains(name.substring(1, name.indexOf("__")))) {
                    Files.copy(f, dir.resolve(name));
                }
            }
        }
        try (PgliteTimescale old = PgliteTimescale.start()) {
            Connection upgraded = old.connection();
            assertThat(Flyway.configure().dataSource(old.dataSource()).locations("filesystem:" + dir).load().migrate().migrationsExecuted)
                    .isEqualTo(released.size());
            UUID site = UUID.randomUUID();
            insert(upgraded, site, HOUR.toString(), "ok", "{\"mos\": 4.0}");
            insert(upgraded, site, HOUR.toString(), "ok", "{\"mos\": 3.0}");
            upgraded.createStatement().execute("CALL refresh_continuous_aggregate('results_5m', NULL, NULL)");

            Flyway current = Flyway.configure().dataSource(old.dataSource()).locations("classpath:db/migration").outOfOrder(true).load();
            current.migrate();
            assertThat(current.info().pending()).isEmpty();
            assertThat(current.info().applied()).allSatisfy(m -> assertThat(m.getState().isFailed()).as(m.getScript()).isFalse());
            String columns = "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema IN ('public', 'dash') AND table_name <> 'flyway_schema_history' ORDER BY 1, 2, 3";
            assertThat(rows(upgraded, columns)).isEqualTo(rows(c, columns));
            String caggs = "SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates ORDER BY 1";
            assertThat(rows(upgraded, caggs)).isEqualTo(rows(c, caggs));
            String policies = "SELECT proc_name, hypertable_name, config - 'mat_hypertable_id' - 'hypertable_id' FROM timescaledb_information.jobs"
                    + " WHERE hypertable_name IS NOT NULL AND proc_name <> 'policy_retention' ORDER BY 1, 2";
            assertThat(rows(upgraded, policies)).isEqualTo(rows(c, policies));

            upgraded.createStatement().execute("CALL refresh_continuous_aggregate('results_5m', NULL, NULL)");
            assertThat(rows(upgraded, "SELECT result_count, mos_avg FROM results_5m WHERE site_id = '" + site + "'"))
                    .containsExactly(row("2", "3.5"));
            // V221's TOAST target reaches the chunk made before it and one made after
            insert(upgraded, site, HOUR.plus(Duration.ofDays(3)).toString(), "ok", "{\"mos\": 4.0}");
            assertThat(rows(upgraded, """
                    SELECT count(*), count(*) FILTER (WHERE 'toast_tuple_target=4080' = ANY (k.reloptions))
                    FROM show_chunks('results') ch JOIN pg_class k ON k.oid = ch""")).containsExactly(row("2", "2"));
            assertThat(rows(upgraded, "SELECT reloptions FROM pg_class WHERE oid = 'results'::regclass")).containsExactly(row("{toast_tuple_target=4080}"));
        }
    }

    private static final String INSERT = """
            INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
            VALUES (gen_random_uuid(), ?::timestamptz, ?, ?, ?, 'rtp_burst', 'A', ?, '', 1000, ?::jsonb)""";

    private static void insert(int secondsIntoHour, String status, String metrics) throws SQLException {
        insert(SITE, HOUR.plusSeconds(secondsIntoHour).toString(), status, metrics);
    }

    /** {@code startedAt} as PostgreSQL reads a timestamptz: ISO-8601, or "infinity". */
    private static void insert(UUID site, String startedAt, String status, String metrics) throws SQLException {
        insert(c, site, startedAt, status, metrics);
    }

    private static void insert(Connection on, UUID site, String startedAt, String status, String metrics) throws SQLException {
        try (PreparedStatement p = on.prepareStatement(INSERT)) {
            p.setString(1, startedAt);
            p.setObject(2, site);
            p.setObject(3, site);
            p.setObject(4, site);
            p.setString(5, status);
            p.setString(6, metrics);
            p.executeUpdate();
        }
    }

    /** The real mapping with its real defaults (in Quarkus' duration syntax), and {@code overrides} on top. */
    private static CollectorConfig.Retention retention(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder().withMapping(CollectorConfig.class).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "test", 500)).build()
                .getConfigMapping(CollectorConfig.class).retention();
    }

    private static List<List<String>> retentionSeconds() throws SQLException {
        return rows("""
                SELECT hypertable_name, extract(epoch FROM (config ->> 'drop_after')::interval)::bigint FROM timescaledb_information.jobs
                WHERE proc_name = 'policy_retention' ORDER BY hypertable_name""");
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return rows(c, sql);
    }

    private static List<List<String>> rows(Connection on, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = on.createStatement().executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> r = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    r.add(rs.getString(i));
                }
                out.add(r);
            }
        }
        return out;
    }

    private static List<List<Object>> values(String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, SITE);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    List<Object> r = new ArrayList<>();
                    r.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        r.add(v == null ? null : ((Number) v).doubleValue());
                    }
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static void assertNear(List<Object> actual, Instant bucket, Object... expected) {
        assertThat(actual.getFirst()).isEqualTo(bucket);
        assertThat(actual).hasSize(expected.length + 1);
        for (int i = 0; i < expected.length; i++) {
            Object e = expected[i];
            Object a = actual.get(i + 1);
            if (e == null) {
                assertThat(a).as("column %d of %s", i + 1, actual).isNull();
            } else {
                double want = ((Number) e).doubleValue();
                assertThat((Double) a).as("column %d of %s", i + 1, actual).isCloseTo(want, within(Math.abs(want) * 1e-12));
            }
        }
    }

    private static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }
}
