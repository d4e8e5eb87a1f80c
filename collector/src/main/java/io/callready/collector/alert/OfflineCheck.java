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
    private static final String SITES = """
            SELECT s.id, s.customer_id, max(a.last_seen_at) AS last_seen_at, bool_and(isfinite(a.last_seen_at)) AS finite, i.interval_ms
            FROM sites s JOIN agents a ON a.site_id = s.id AND a.revoked_at IS NULL
            LEFT JOIN alert_site_intervals i ON i.site_id = s.id
            GROUP BY s.id, s.customer_id, i.interval_ms
            HAVING max(a.last_seen_at) IS NOT NULL""";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    JobHealth health;

    private record WatchedSite(UUID siteId, UUID customerId, boolean finite, Instant lastSeen, Long intervalMs) {
    }

    /** One check of every watched site; its duration is {@code callready.jobs.run{job="offline-check"}} (it runs inside each evaluation pass). */
    public void run(Connection c, Instant now) throws SQLException {
        long start = System.nanoTime();
        List<WatchedSite> sites = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(SITES); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                boolean finite = rs.getBoolean("finite");
                sites.add(new WatchedSite(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), finite,
                        finite ? SqlTime.read(rs, "last_seen_at") : null, rs.getObject("interval_ms") == null ? null : rs.getLong("interval_ms")));
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
        Optional<AlertRow> firing = alerts.firing(c, key);
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
