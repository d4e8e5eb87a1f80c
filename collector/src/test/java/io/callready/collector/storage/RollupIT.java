package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.RollupRuns;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Plain PostgreSQL: results_5m and results_1h as the collector computes them, against numbers worked out by hand. */
@QuarkusTest
class RollupIT {
    @Inject
    AgroalDataSource db;
    @Inject
    RollupJob rollups;
    @Inject
    StorageMode mode;

    record Row(Instant bucket, String target, long count, long ok, long failed, Double mosAvg, Double mosMin, Double mosMax,
               Double rttAvg, Double rttMin, Double rttMax, Double jitterAvg, Double jitterMax, Double lossAvg, Double lossMax) {
    }

    @Test
    void rollupsMatchHandComputedValuesAndRunningAgainIsIdempotent() throws Exception {
        assertThat(mode.timescale()).isFalse();
        UUID customer = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        StoredRows rows = new StoredRows(db);
        // bucket hour+00:00: three results of target A
        rows.result(customer, site, "A", "ok", hour.plusSeconds(10),
                "{\"mos\": 4.0, \"rtt_ms\": 20, \"jitter_up_ms\": 5, \"jitter_down_ms\": 7, \"loss_up_ratio\": 0, \"loss_down_ratio\": 0.01}");
        rows.result(customer, site, "A", "degraded", hour.plusSeconds(70),
                "{\"mos\": 4.2, \"rtt_ms\": 30, \"jitter_up_ms\": 2, \"jitter_down_ms\": 1, \"loss_up_ratio\": 0.02, \"loss_down_ratio\": 0}");
        rows.result(customer, site, "A", "ok", hour.plusSeconds(299),
                "{\"mos\": 3.5, \"rtt_ms\": 40, \"jitter_up_ms\": 10, \"jitter_down_ms\": 3, \"loss_up_ratio\": 0, \"loss_down_ratio\": 0}");
        // bucket hour+00:05: one result of A, one failed result of A without metrics
        rows.result(customer, site, "A", "ok", hour.plusSeconds(300),
                "{\"mos\": 4.4, \"rtt_ms\": 10, \"jitter_up_ms\": 1, \"jitter_down_ms\": 1, \"loss_up_ratio\": 0, \"loss_down_ratio\": 0}");
        rows.result(customer, site, "A", "failed", hour.plusSeconds(420), "{}");
        // another target in the first bucket
        rows.result(customer, site, "B", "error", hour.plusSeconds(20), "{}");

        RollupRuns.overAllStored(rollups);

        List<Row> fiveMinutes = read("results_5m", site);
        assertThat(fiveMinutes).hasSize(3);
        Row a0 = fiveMinutes.get(0);
        assertThat(a0.bucket()).isEqualTo(hour);
        assertThat(a0.target()).isEqualTo("A");
        assertThat(List.of(a0.count(), a0.ok(), a0.failed())).containsExactly(3L, 2L, 0L);
        assertThat(a0.mosAvg()).isCloseTo(3.9, within(1e-9));
        assertThat(a0.mosMin()).isEqualTo(3.5);
        assertThat(a0.mosMax()).isEqualTo(4.2);
        assertThat(List.of(a0.rttAvg(), a0.rttMin(), a0.rttMax())).containsExactly(30.0, 20.0, 40.0);
        assertThat(a0.jitterAvg()).isCloseTo((7 + 2 + 10) / 3.0, within(1e-9));
        assertThat(a0.jitterMax()).isEqualTo(10.0);
        assertThat(a0.lossAvg()).isCloseTo(0.01, within(1e-9));
        assertThat(a0.lossMax()).isEqualTo(0.02);

        Row a5 = fiveMinutes.get(1);
        assertThat(a5.bucket()).isEqualTo(hour.plus(Duration.ofMinutes(5)));
        assertThat(List.of(a5.count(), a5.ok(), a5.failed())).containsExactly(2L, 1L, 1L);
        assertThat(a5.mosAvg()).isEqualTo(4.4);
        Row b0 = fiveMinutes.get(2);
        assertThat(b0.target()).isEqualTo("B");
        assertThat(List.of(b0.count(), b0.ok(), b0.failed())).containsExactly(1L, 0L, 1L);
        assertThat(b0.mosAvg()).isNull();

        List<Row> hourly = read("results_1h", site);
        assertThat(hourly).extracting(Row::target).containsExactly("A", "B");
        Row aHour = hourly.getFirst();
        assertThat(aHour.bucket()).isEqualTo(hour);
        assertThat(List.of(aHour.count(), aHour.ok(), aHour.failed())).containsExactly(5L, 3L, 1L);
        assertThat(aHour.mosAvg()).isCloseTo((4.0 + 4.2 + 3.5 + 4.4) / 4, within(1e-9));
        assertThat(aHour.rttMin()).isEqualTo(10.0);
        assertThat(aHour.jitterMax()).isEqualTo(10.0);

        RollupRuns.overAllStored(rollups);
        assertThat(read("results_5m", site)).isEqualTo(fiveMinutes);
        assertThat(read("results_1h", site)).isEqualTo(hourly);

        // a late result lands in its old bucket at the next run, which only merges what arrived since
        rows.result(customer, site, "A", "ok", hour.plusSeconds(100), "{\"mos\": 3.9, \"rtt_ms\": 30}");
        RollupRuns.overAllStored(rollups);
        Row updated = read("results_5m", site).getFirst();
        assertThat(updated.count()).isEqualTo(4);
        assertThat(updated.mosAvg()).isCloseTo((4.0 + 4.2 + 3.5 + 3.9) / 4, within(1e-9));
        assertThat(updated.rttAvg()).isEqualTo(30.0);
        assertThat(read("results_1h", site).getFirst().count()).isEqualTo(6);
    }

    @Test
    void rollupTablesHaveTheColumnsTheTimescaleAggregatesHave() throws Exception {
        for (String table : List.of("results_5m", "results_1h")) {
            List<String> columns = new ArrayList<>();
            try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
                q.setString(1, table);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            assertThat(columns).containsExactly("bucket", "customer_id", "site_id", "target", "kind", "result_count", "ok_count",
                    "failed_count", "mos_avg", "mos_min", "mos_max", "rtt_ms_avg", "rtt_ms_min", "rtt_ms_max", "jitter_ms_avg",
                    "jitter_ms_max", "loss_ratio_avg", "loss_ratio_max", "up_bps_avg", "up_bps_max", "down_bps_avg", "down_bps_max",
                    "up_utilisation_pct_avg", "up_utilisation_pct_max", "down_utilisation_pct_avg", "down_utilisation_pct_max");
        }
    }

    private List<Row> read(String table, UUID site) throws Exception {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT * FROM " + table + " WHERE site_id = ? ORDER BY target, bucket")) {
            q.setObject(1, site);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getObject("bucket", OffsetDateTime.class).toInstant(), rs.getString("target"),
                            rs.getLong("result_count"), rs.getLong("ok_count"), rs.getLong("failed_count"),
                            d(rs, "mos_avg"), d(rs, "mos_min"), d(rs, "mos_max"), d(rs, "rtt_ms_avg"), d(rs, "rtt_ms_min"),
                            d(rs, "rtt_ms_max"), d(rs, "jitter_ms_avg"), d(rs, "jitter_ms_max"), d(rs, "loss_ratio_avg"), d(rs, "loss_ratio_max")));
                }
            }
        }
        return out;
    }

    private static Double d(ResultSet rs, String column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
