package io.callready.collector.alert;

import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.RowIsolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A site whose active agents have sent nothing for {@code offline-intervals} plan intervals gets one
 * agent-offline alert; it resolves when results arrive again. Sites that never reported are not watched.
 * The plan interval is the largest {@code interval} label the site's results carried, else the configured
 * default, until central plans tell the collector the real one.
 * Each site is checked under its own savepoint: one that cannot be checked (a last-seen time that is not
 * finite, say) is skipped, logged once and counted as {@code callready.jobs.isolated{job="offline-check"}}.
 * A stored interval beyond {@link NewResults#MAX_PLAN_INTERVAL} (written by an older collector) is reported
 * the same way and the default is used instead.
 */
@ApplicationScoped
public class OfflineCheck {
    /**
     * One statement for every watched site, answering only the sites with something to do: silent beyond the limit
     * with no offline alert firing, reporting again with one firing, or a stored value the check cannot use (reported,
     * then checked as before). Round trips per site (a savepoint and a look-up each) grew with the fleet, in every pass.
     * Parameters: now, default interval ms, offline intervals, longest usable interval ms.
     */
    private static final String SITES = """
            SELECT w.site_id, s.customer_id, w.last_seen_at, w.finite, i.interval_ms, f.id AS firing_id
            FROM (SELECT site_id, max(last_seen_at) AS last_seen_at, bool_and(isfinite(last_seen_at)) AS finite
                  FROM agents WHERE revoked_at IS NULL GROUP BY site_id HAVING max(last_seen_at) IS NOT NULL) w
            JOIN sites s ON s.id = w.site_id
            LEFT JOIN alert_site_intervals i ON i.site_id = w.site_id
            LEFT JOIN alerts f ON f.dedup_key = 'callready:' || w.site_id || ':agent_offline' AND f.state = 'firing'
            CROSS JOIN (SELECT ?::timestamptz AS now, ?::bigint AS default_ms, ?::int AS intervals, ?::bigint AS longest_ms) AS p
            WHERE NOT w.finite OR i.interval_ms <= 0 OR i.interval_ms > p.longest_ms
               OR (w.last_seen_at < p.now - (CASE WHEN i.interval_ms BETWEEN 1 AND p.longest_ms THEN i.interval_ms ELSE p.default_ms END
                                            * p.intervals) * INTERVAL '1 millisecond') <> (f.id IS NOT NULL)""";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    JobHealth health;

    private record WatchedSite(UUID siteId, UUID customerId, boolean finite, Instant lastSeen, Long intervalMs, UUID firingId) {
    }

    /** One check of every watched site; its duration is {@code callready.jobs.run{job="offline-check"}} (it runs inside each evaluation pass). */
    public void run(Connection c, Instant now) throws SQLException {
        long start = System.nanoTime();
        List<WatchedSite> sites = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(SITES)) {
            q.setObject(1, SqlTime.of(now));
            q.setLong(2, config.defaultPlanInterval().toMillis());
            q.setInt(3, config.offlineIntervals());
            q.setLong(4, NewResults.MAX_PLAN_INTERVAL.toMillis());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    boolean finite = rs.getBoolean("finite");
                    sites.add(new WatchedSite(rs.getObject("site_id", UUID.class), rs.getObject("customer_id", UUID.class), finite,
                            finite ? SqlTime.read(rs, "last_seen_at") : null,
                            rs.getObject("interval_ms") == null ? null : rs.getLong("interval_ms"), rs.getObject("firing_id", UUID.class)));
                }
            }
        }
        for (WatchedSite site : sites) {
            RowIsolation.underSavepoint(c, health, JobHealth.OFFLINE_CHECK, "site_id=" + site.siteId(), () -> check(c, site, now));
        }
        health.ran(JobHealth.OFFLINE_CHECK, Duration.ofNanos(System.nanoTime() - start));
    }

    private void check(Connection c, WatchedSite site, Instant now) throws SQLException {
        if (!site.finite()) {
            throw new IllegalArgumentException("an agent's last_seen_at is not a finite time");
        }
        Duration limit = interval(site).multipliedBy(config.offlineIntervals());
        Duration silentFor = Duration.between(site.lastSeen(), now);
        String key = AlertRow.offlineKey(site.siteId());
        Optional<AlertRow> firing = site.firingId() == null ? Optional.empty() : alerts.firing(c, key);
        if (silentFor.compareTo(limit) > 0 && firing.isEmpty()) {
            alerts.fire(c, key, AlertRow.AGENT_OFFLINE, site.customerId(), site.siteId(), null,
                    AlertRow.AGENT_OFFLINE, Severity.CRITICAL, silentFor.toSeconds(), limit.toSeconds(), now);
        } else if (silentFor.compareTo(limit) <= 0 && firing.isPresent()) {
            alerts.resolve(c, firing.get(), now);
        }
    }

    private Duration interval(WatchedSite site) {
        Long ms = site.intervalMs();
        if (ms == null) {
            return config.defaultPlanInterval();
        }
        if (ms <= 0 || ms > NewResults.MAX_PLAN_INTERVAL.toMillis()) {
            health.isolated(JobHealth.OFFLINE_CHECK, "site_id=" + site.siteId() + " alert_site_intervals.interval_ms=" + ms,
                    new IllegalArgumentException("stored plan interval of " + ms + " ms is out of range; using the default"));
            return config.defaultPlanInterval();
        }
        return Duration.ofMillis(ms);
    }
}
