package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain PostgreSQL: the retention job deletes exactly the rows older than each table's retention. */
@QuarkusTest
class RetentionIT {
    /** A fixed "now" years back, so the rows here are the only ones old enough to be touched. */
    private static final Instant NOW = Instant.parse("2021-03-01T12:00:00Z");
    private static final Duration JUST = Duration.ofNanos(1000);

    @Inject
    AgroalDataSource db;
    @Inject
    RetentionJob retention;
    @Inject
    CollectorConfig config;

    @Test
    void deletesExactlyWhatIsOlderThanTheRetention() throws Exception {
        assertThat(config.retention().raw()).isEqualTo(Duration.ofDays(30));
        assertThat(config.retention().rollup5m()).isEqualTo(Duration.ofDays(90));
        assertThat(config.retention().rollup1h()).isEqualTo(Duration.ofDays(395));
        UUID customer = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        StoredRows rows = new StoredRows(db);
        Instant rawCutoff = NOW.minus(config.retention().raw());
        rows.result(customer, site, "t", "ok", rawCutoff.minus(JUST), "{}");
        rows.result(customer, site, "t", "ok", rawCutoff, "{}");
        rows.result(customer, site, "t", "ok", rawCutoff.plus(JUST), "{}");
        Instant cutoff5m = NOW.minus(config.retention().rollup5m());
        rows.rollup("results_5m", customer, site, cutoff5m.minus(Duration.ofMinutes(5)));
        rows.rollup("results_5m", customer, site, cutoff5m);
        Instant cutoff1h = NOW.minus(config.retention().rollup1h());
        rows.rollup("results_1h", customer, site, cutoff1h.minus(Duration.ofHours(1)));
        rows.rollup("results_1h", customer, site, cutoff1h);
        rows.rollup3h(customer, site, cutoff1h.minus(Duration.ofHours(3)));
        rows.rollup3h(customer, site, cutoff1h);

        RetentionJob.Purged purged = retention.purge(NOW);

        assertThat(purged).isEqualTo(new RetentionJob.Purged(1, 1, 1, 1));
        assertThat(rows.count("SELECT count(*) FROM results WHERE site_id = ? AND started_at >= '" + rawCutoff + "'", site)).isEqualTo(2);
        assertThat(rows.count("SELECT count(*) FROM results WHERE site_id = ?", site)).isEqualTo(2);
        assertThat(rows.count("SELECT count(*) FROM results_5m WHERE site_id = ?", site)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM results_1h WHERE site_id = ?", site)).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM results_3h WHERE site_id = ? AND bucket = '" + cutoff1h + "'", site)).isEqualTo(1);
        assertThat(retention.purge(NOW)).isEqualTo(new RetentionJob.Purged(0, 0, 0, 0));
    }
}
