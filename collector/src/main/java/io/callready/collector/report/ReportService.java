package io.callready.collector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.advice.QosAssessment;
import io.callready.collector.alert.AlertViews.EffectiveThreshold;
import io.callready.collector.alert.ThresholdService;
import io.callready.collector.problem.DurationField;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.qos.AssessmentStore;
import io.callready.collector.qos.StoredAssessment;
import io.callready.collector.tenant.Agent;
import io.callready.collector.tenant.Customer;
import io.callready.collector.tenant.Site;
import io.callready.collector.tenant.TenantService;
import io.callready.report.ReportBuilder;
import io.callready.report.ReportInput;
import io.callready.report.profile.ProfileException;
import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import io.callready.report.quality.QualityThresholds;
import io.callready.report.quality.ReportMetric;
import io.callready.report.render.ReportPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates and revokes share links (staff, tenant-scoped) and renders the page a link opens (no credential). */
@ApplicationScoped
public class ReportService {
    static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
    static final Duration MAX_EXPIRY = Duration.ofDays(90);
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MIN_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    private static final Logger LOG = Logger.getLogger(ReportService.class);
    /** The alert metric whose warning / critical levels are a report metric's good / acceptable limits. */
    private static final Map<ReportMetric, String> ALERT_METRICS = Map.of(ReportMetric.JITTER, "jitter_ms",
            ReportMetric.LOSS, "loss_ratio", ReportMetric.RTT, "rtt_ms", ReportMetric.MOS, "mos");

    @Inject
    TenantService tenants;
    @Inject
    ReportLinkStore links;
    @Inject
    SiteReportData data;
    @Inject
    AssessmentStore assessments;
    @Inject
    ThresholdService thresholds;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    private final ProfileLoader profiles = new ProfileLoader();

    /** A fresh link; the token is in {@code token} here and nowhere else. */
    public record Created(ReportLinkStore.Link link, String token) {
    }

    /** What {@code GET /r/{token}} answers. */
    public sealed interface Opened {
        record Page(String html) implements Opened {
        }

        record Gone(String why) implements Opened {
        }

        record Unknown() implements Opened {
        }
    }

    public Created create(UUID siteId, String expiresIn, String window) {
        Duration expiry = bounded("expiresIn", expiresIn, DEFAULT_EXPIRY, Duration.ofMinutes(1), MAX_EXPIRY);
        Duration span = bounded("window", window, DEFAULT_WINDOW, MIN_WINDOW, MAX_WINDOW);
        Site site = tenants.writableSite(siteId);
        Instant now = clock.instant();
        String token = ShareTokens.fresh();
        ReportLinkStore.Link link = new ReportLinkStore.Link(UUID.randomUUID(), site.id, site.customerId, span, now, now.plus(expiry), null);
        links.insert(link, ShareTokens.sha256(token));
        return new Created(link, token);
    }

    public void revoke(UUID siteId, UUID reportId) {
        tenants.writableSite(siteId);
        if (!links.revoke(siteId, reportId, clock.instant())) {
            throw ProblemException.notFound("No report " + reportId + " for site " + siteId);
        }
    }

    public Opened open(String token) {
        if (!ShareTokens.wellFormed(token)) {
            return new Opened.Unknown();
        }
        Optional<ReportLinkStore.Link> found = links.byTokenHash(ShareTokens.sha256(token));
        if (found.isEmpty()) {
            return new Opened.Unknown();
        }
        ReportLinkStore.Link link = found.get();
        Instant now = clock.instant();
        if (link.revokedAt() != null) {
            return new Opened.Gone("This report link was revoked.");
        }
        if (!now.isBefore(link.expiresAt())) {
            return new Opened.Gone("This report link has expired.");
        }
        Site site = Site.findById(link.siteId());
        if (site == null || !site.customerId.equals(link.customerId())) {
            return new Opened.Unknown();
        }
        return new Opened.Page(render(site, now.minus(link.window()), now));
    }

    String render(Site site, Instant from, Instant to) {
        Customer customer = Customer.findById(site.customerId);
        SiteReportData.Data d = data.read(site.id, from, to);
        List<String> agentNames = d.agents().stream().map(this::agentName).toList();
        String where = agentNames.isEmpty() ? "" : "agent " + String.join(", ", agentNames);
        Integer calls = site.peakCalls != null ? site.peakCalls : customer.maxSimultaneousCalls;
        return ReportPage.render(ReportBuilder.build(new ReportInput(site.name, customer.name, where, from, to, to,
                d.series().quality(), d.router(), profile(site), calls, assessment(site.id), thresholds(site.id))));
    }

    /**
     * The seed's thresholds, except where the site or its customer set alert thresholds: an alert's warning level is
     * where a value stops being good, its critical level where it stops being acceptable. Defaults stay the report's,
     * since the alert defaults leave a round trip of 100–150 ms unalerted that the report calls acceptable.
     */
    private QualityThresholds thresholds(UUID siteId) {
        Map<String, EffectiveThreshold> effective = thresholds.forSite(siteId).thresholds();
        QualityThresholds judged = QualityThresholds.DEFAULTS;
        for (ReportMetric m : ReportMetric.values()) {
            EffectiveThreshold t = effective.get(ALERT_METRICS.get(m));
            if (t != null && !"default".equals(t.source())) {
                judged = judged.with(m, t.warning(), t.critical(),
                        "the alert thresholds set for this site or its customer where set, else the seed thresholds (DOMAIN.md)");
            }
        }
        return judged;
    }

    private String agentName(String agentId) {
        try {
            Agent a = Agent.findById(UUID.fromString(agentId));
            return a == null ? agentId : a.name;
        } catch (IllegalArgumentException e) {
            return agentId;
        }
    }

    /** A site whose profile name is not a built-in one gets no change request rather than no report. */
    private ProviderProfile profile(Site site) {
        if (site.profile == null || !ProfileLoader.BUILT_IN.contains(site.profile)) {
            return null;
        }
        try {
            return profiles.load(site.profile);
        } catch (ProfileException e) {
            LOG.warnf("site %s: built-in profile %s does not load: %s", site.id, site.profile, e.getMessage());
            return null;
        }
    }

    private QosAssessment assessment(UUID siteId) {
        return assessments.of(siteId).map(s -> {
            try {
                return mapper.readValue(s.assessment(), StoredAssessment.class).assessment();
            } catch (Exception e) {
                LOG.warnf("site %s: stored QoS assessment does not read, the report shows none: %s", siteId, e.getMessage());
                return null;
            }
        }).orElse(null);
    }

    private static Duration bounded(String field, String text, Duration dflt, Duration min, Duration max) {
        if (text == null) {
            return dflt;
        }
        Duration d = DurationField.parse(field, text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw ProblemException.badRequest(field, "must be between " + min.toMinutes() + "m and " + max.toHours() + "h, got " + text);
        }
        return d;
    }
}
