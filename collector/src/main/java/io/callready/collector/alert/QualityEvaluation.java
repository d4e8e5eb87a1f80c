package io.callready.collector.alert;

import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.ReceiptHorizon;
import io.callready.collector.jobs.RowIsolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Feeds the results stored since the last pass through each series' breach rule, oldest sample first, set-based:
 * the whole page in a handful of statements ({@link SeriesSteps}) instead of round trips per sample, so evaluation
 * keeps up with ingest (issue 15). A pass reads every result committed when it starts, but moves the cursor only to
 * the {@link ReceiptHorizon} (none can commit behind it), so the next pass re-reads just the results of transactions
 * that were in flight, not a fixed overlap (a 30 s overlap re-read 30 s of ingest after every pass that caught up).
 * Idempotent: a series remembers its newest evaluated sample, so a re-read or a crash before commit never counts a
 * sample twice.
 * A page is evaluated under one savepoint; when a site's data makes that fail, the page is evaluated again site
 * by site, each under its own savepoint, so that site is skipped (logged once, counted) and the pass, and its
 * cursor, go on with every other site. Unusable values never get this far ({@link NewResults}).
 */
@ApplicationScoped
public class QualityEvaluation {
    /** Margin of the horizon for a transaction that has just begun (its start is read as it is being shown open). */
    static final Duration START_MARGIN = Duration.ofSeconds(1);
    private static final String PAGE_SAVEPOINT = "callready_alert_page";
    /**
     * The pass's sort memory: a page's samples (up to seven per result, about 100 bytes each) are sorted by series in
     * memory instead of in temporary files (a quarter less time for the read that feeds the rule).
     */
    private static final String SORT_MEMORY = "SET LOCAL work_mem = '32MB'";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    Mutes mutes;
    @Inject
    NewResults newResults;
    @Inject
    JobHealth health;
    @Inject
    EvaluationLag lag;

    private Counter evaluated;
    /** Whether the last pass read a partial page: more results were already waiting. */
    private volatile boolean backlogWaits;

    @Inject
    void registerCounter(MeterRegistry registry) {
        evaluated = Counter.builder("callready.alerts.samples.evaluated")
                .description("New (series, result) samples the alert evaluation fed through the breach rule").register(registry);
    }

    public void run(Connection c, Instant now) throws SQLException {
        BreachRule rule = new BreachRule(config.breachCount(), config.breachWindow(), config.clearCount());
        execute(c, SORT_MEMORY);
        ReceiptHorizon.Reading horizon = ReceiptHorizon.read(c, START_MARGIN);
        long readNanos = System.nanoTime();
        NewResults.Page page = newResults.read(c, now);
        // A partial page moves the cursor only past what it read, a whole one to the horizon.
        Instant nextCursor = page.end().filter(end -> end.isBefore(horizon.horizon())).orElse(horizon.horizon());
        backlogWaits = page.end().isPresent();
        SeriesSteps.samples(c);
        execute(c, "SAVEPOINT " + PAGE_SAVEPOINT);
        try {
            evaluate(c, rule, null, page.intervalMsBySite(), now);
        } catch (SQLException | RuntimeException e) {
            if (!RowIsolation.isRowProblem(e)) {
                throw e;
            }
            execute(c, "ROLLBACK TO SAVEPOINT " + PAGE_SAVEPOINT);
            Set<UUID> sites = new LinkedHashSet<>(SeriesSteps.sites(c));
            sites.addAll(page.intervalMsBySite().keySet());
            for (UUID site : sites) {
                RowIsolation.underSavepoint(c, health, JobHealth.ALERT_EVALUATION, "site_id=" + site,
                        () -> evaluate(c, rule, site, page.intervalMsBySite(), now));
            }
        }
        execute(c, "RELEASE SAVEPOINT " + PAGE_SAVEPOINT);
        try (PreparedStatement u = c.prepareStatement("UPDATE alert_eval_cursor SET received_from = ? WHERE id = 1")) {
            u.setObject(1, SqlTime.of(nextCursor));
            u.executeUpdate();
        }
        lag.passed(Duration.between(nextCursor, horizon.at()).plusNanos(System.nanoTime() - readNanos));
    }

    /** Whether the last pass left results beyond its page (see {@link NewResults#MAX_ROWS_PER_PASS}). */
    public boolean backlogWaits() {
        return backlogWaits;
    }

    /** The page's new samples of one site, or of all when {@code siteId} is null; a failure undoes only this share. */
    private void evaluate(Connection c, BreachRule rule, UUID siteId, Map<UUID, Long> intervalMsBySite, Instant now) throws SQLException {
        SeriesSteps.Outcome outcome = SeriesSteps.evaluate(c, rule, config.hysteresisRatio(), siteId, now);
        speak(c, outcome.spoken(), now);
        saveIntervals(c, siteId == null ? intervalMsBySite
                : intervalMsBySite.containsKey(siteId) ? Map.of(siteId, intervalMsBySite.get(siteId)) : Map.of());
        evaluated.increment(outcome.samples());
    }

    /** What the per-sample rule says out loud: a new severity of an announced alert nobody muted, a resolve. */
    private void speak(Connection c, List<SeriesSteps.Spoken> spoken, Instant now) throws SQLException {
        if (spoken.isEmpty()) {
            return;
        }
        Map<UUID, AlertRow> byId = new HashMap<>();
        for (AlertRow a : alerts.query(c, "id = ANY(?)", c.createArrayOf("uuid", spoken.stream().map(SeriesSteps.Spoken::alertId).distinct().toArray()))) {
            byId.put(a.id(), a);
        }
        for (SeriesSteps.Spoken s : spoken) {
            AlertRow alert = byId.get(s.alertId());
            if (s.resolves()) {
                alerts.announceResolved(c, alert, now);
            } else {
                AlertRow firing = new AlertRow(alert.id(), alert.dedupKey(), alert.kind(), alert.customerId(), alert.siteId(),
                        alert.target(), alert.metric(), s.severity(), "firing", s.value(), s.threshold(), alert.startedAt(), null,
                        alert.notifiedAt(), alert.lastNotifiedAt(), alert.incidentId(), alert.details());
                if (!mutes.muted(c, firing, now)) {
                    alerts.announceSeverityChange(c, firing, now);
                }
            }
        }
    }

    private static void saveIntervals(Connection c, Map<UUID, Long> intervalMsBySite) throws SQLException {
        if (intervalMsBySite.isEmpty()) {
            return;
        }
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO alert_site_intervals (site_id, interval_ms) SELECT * FROM unnest(?::uuid[], ?::bigint[])
                ON CONFLICT (site_id) DO UPDATE SET interval_ms = greatest(alert_site_intervals.interval_ms, excluded.interval_ms)""")) {
            Array sites = c.createArrayOf("uuid", intervalMsBySite.keySet().toArray());
            Array ms = c.createArrayOf("int8", intervalMsBySite.keySet().stream().map(intervalMsBySite::get).toArray());
            u.setArray(1, sites);
            u.setArray(2, ms);
            u.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
