package io.callready.report;

import io.callready.report.firewall.ChangeRequest;
import io.callready.report.quality.QualityRow;

import java.time.Instant;
import java.util.List;

/**
 * Everything the readiness page shows, in the order it shows it. Built by {@link ReportBuilder}, rendered by
 * {@link io.callready.report.render.ReportPage}.
 *
 * @param site          site name
 * @param customer      customer name
 * @param measuredWhere where the probes ran (agent host, reflector, public address)
 * @param from          start of the measured window
 * @param to            end of the measured window
 * @param generatedAt   when the report was built
 * @param readiness     the verdict
 * @param reasons       why: one sentence per failing or warning part, empty when ready
 * @param quality       per metric and direction, against the thresholds
 * @param router        router and firewall findings
 * @param bandwidth     per codec of the profile
 * @param qos           busy hour and QoS advice, null when no assessment is stored
 * @param changeRequest firewall change request from the provider profile, null without a profile
 * @param thresholdSource what the quality thresholds come from ("the site's alert thresholds", the seed's)
 */
public record ReadinessReport(
        String site,
        String customer,
        String measuredWhere,
        Instant from,
        Instant to,
        Instant generatedAt,
        Readiness readiness,
        List<String> reasons,
        List<QualityRow> quality,
        List<RouterItem> router,
        List<BandwidthRow> bandwidth,
        QosSection qos,
        ChangeRequest changeRequest,
        String thresholdSource) {

    public ReadinessReport {
        reasons = List.copyOf(reasons);
        quality = List.copyOf(quality);
        router = List.copyOf(router);
        bandwidth = List.copyOf(bandwidth);
    }
}
