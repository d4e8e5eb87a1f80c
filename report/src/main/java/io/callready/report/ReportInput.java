package io.callready.report;

import io.callready.advice.QosAssessment;
import io.callready.advice.QualitySample;
import io.callready.report.profile.ProviderProfile;
import io.callready.report.quality.QualityThresholds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report is built from; the collector fills it from stored results, the agent from its one-shot check.
 *
 * @param site          site name
 * @param customer      customer name
 * @param measuredWhere where the probes ran
 * @param from          window start
 * @param to            window end
 * @param generatedAt   now
 * @param samples       rtp_burst figures over the window (may be empty: quality is then "not measured")
 * @param router        router/firewall findings
 * @param profile       the provider profile, null when the site has none
 * @param declaredCalls declared peak concurrent calls, null when not declared
 * @param assessment    the stored QoS assessment, null when there is none
 * @param thresholds    what network quality is judged by; null for the seed's
 */
public record ReportInput(
        String site,
        String customer,
        String measuredWhere,
        Instant from,
        Instant to,
        Instant generatedAt,
        List<QualitySample> samples,
        List<RouterItem> router,
        ProviderProfile profile,
        Integer declaredCalls,
        QosAssessment assessment,
        QualityThresholds thresholds) {

    /** Judged by the seed's thresholds. */
    public ReportInput(String site, String customer, String measuredWhere, Instant from, Instant to, Instant generatedAt,
                       List<QualitySample> samples, List<RouterItem> router, ProviderProfile profile, Integer declaredCalls,
                       QosAssessment assessment) {
        this(site, customer, measuredWhere, from, to, generatedAt, samples, router, profile, declaredCalls, assessment, null);
    }

    public ReportInput {
        Objects.requireNonNull(site, "site");
        customer = customer == null ? "" : customer;
        measuredWhere = measuredWhere == null ? "" : measuredWhere;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(generatedAt, "generatedAt");
        samples = samples == null ? List.of() : List.copyOf(samples);
        router = router == null ? List.of() : List.copyOf(router);
        thresholds = thresholds == null ? QualityThresholds.DEFAULTS : thresholds;
    }
}
