package io.callready.collector.qos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.advice.AdviceSettings;
import io.callready.advice.QosAdvisor;
import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.callready.advice.SiteSeries;
import io.callready.collector.config.CollectorConfig;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.JobLease;
import io.callready.collector.jobs.RowIsolation;
import io.callready.collector.plan.PlanService;
import io.callready.collector.qos.AssessmentStore.Stored;
import io.callready.collector.result.ResultReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Scheduled job {@value JobHealth#QOS_ADVICE}: every site with {@code wan_traffic} or {@code rtp_burst} results
 * received since its last assessment is assessed again from its last N days ({@link SiteResults}, bounded), by the
 * advice module, and the answer is stored ({@link AssessmentStore}) together with the congestion alert's change
 * ({@link CongestionAlert}), in one transaction per site. A site whose data cannot be assessed (a stored row that is
 * no wire result, a zone that is not one, a plan that no longer reads) is skipped, logged once and counted
 * ({@code callready.jobs.isolated{job="qos-advice"}}); the others are still assessed. A run that fails as a whole
 * counts towards readiness DOWN ({@link JobHealth}). With several collectors on one database one of them runs each
 * interval's assessment ({@link JobLease}), so a site is not assessed twice at once.
 */
@ApplicationScoped
public class QosAdviceJob {
    private static final Logger LOG = Logger.getLogger(QosAdviceJob.class);
    private static final String SITES = """
            SELECT s.id, s.customer_id, coalesce(s.time_zone, c.time_zone) AS zone,
                   coalesce(s.peak_calls, c.max_simultaneous_calls) AS calls, s.profile, a.results_through
            FROM sites s JOIN customers c ON c.id = s.customer_id
            LEFT JOIN qos_assessments a ON a.site_id = s.id
            ORDER BY s.id""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CollectorConfig config;
    @Inject
    JobHealth health;
    @Inject
    Clock clock;
    @Inject
    PlanService plans;
    @Inject
    CongestionAlert congestion;
    @Inject
    ObjectMapper mapper;
    @Inject
    ResultReader resultRows;
    @Inject
    JobLease lease;

    private record Candidate(UUID siteId, UUID customerId, String zone, Integer calls, String profile, Instant assessedThrough) {
    }

    @Scheduled(every = "${callready.qos-advice.interval:15m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        lease.runOnce(JobHealth.QOS_ADVICE, config.qosAdvice().interval(), this::run);
    }

    /** One run; its outcome goes to {@link JobHealth}. @return sites assessed */
    public synchronized int run() {
        long start = System.nanoTime();
        try {
            AdviceSettings settings = settings();
            Instant now = clock.instant();
            int assessed = 0;
            for (Candidate site : candidates()) {
                boolean[] done = {false};
                RowIsolation.alone(health, JobHealth.QOS_ADVICE, "site_id=" + site.siteId(),
                        () -> done[0] = QuarkusTransaction.requiringNew().call(() -> assess(site, settings, now)));
                assessed += done[0] ? 1 : 0;
            }
            health.succeeded(JobHealth.QOS_ADVICE);
            health.ran(JobHealth.QOS_ADVICE, Duration.ofNanos(System.nanoTime() - start));
            return assessed;
        } catch (SQLException | RuntimeException e) {
            health.failed(JobHealth.QOS_ADVICE, e);
            return 0;
        }
    }

    AdviceSettings settings() {
        CollectorConfig.QosAdvice c = config.qosAdvice();
        AdviceSettings d = AdviceSettings.defaults();
        return d.withTime(c.bucket().orElse(d.bucket()), c.window().orElse(d.window()), c.days().orElse(d.days()))
                .withMinimums(c.minSamples().orElse(d.minSamples()), c.minLoadedSamples().orElse(d.minLoadedSamples()));
    }

    private List<Candidate> candidates() throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(SITES); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime through = rs.getObject("results_through", OffsetDateTime.class);
                out.add(new Candidate(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("zone"),
                        (Integer) rs.getObject("calls"), rs.getString("profile"), through == null ? null : through.toInstant()));
            }
        }
        return out;
    }

    /** @return false when nothing new arrived since the last assessment */
    private boolean assess(Candidate site, AdviceSettings settings, Instant now) throws SQLException {
        Instant from = now.minus(Duration.ofDays(settings.days()));
        try (Connection c = dataSource.getConnection()) {
            Instant newest = SiteResults.newestReceived(c, site.siteId(), from, now);
            if (newest == null || (site.assessedThrough() != null && !newest.isAfter(site.assessedThrough()))) {
                return false;
            }
            SiteResults.Read read = SiteResults.read(c, resultRows, site.siteId(), from, now, config.qosAdvice().maxResultsPerSite());
            if (read.truncated()) {
                LOG.infof("Site %s: assessing its newest %d results only (callready.qos-advice.max-results-per-site)",
                        site.siteId(), read.results().size());
            }
            SiteFacts facts = AdvisorFacts.of(site.zone(), site.calls(), site.profile(),
                    plans.effective(site.customerId(), site.siteId()), read.portSpeedBps());
            QosAssessment assessment = QosAdvisor.assess(SiteSeries.from(read.results()), facts, settings, now);
            AssessmentStore.save(c, new Stored(site.siteId(), site.customerId(), assessment.verdict().wireName(),
                    json(new StoredAssessment(assessment, facts)), now, newest));
            congestion.apply(c, site.customerId(), site.siteId(), assessment, now);
            return true;
        }
    }

    private String json(StoredAssessment stored) {
        try {
            return mapper.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the assessment cannot be written as JSON", e);
        }
    }
}
