package io.callready.collector.qos;

import io.callready.advice.SiteSeries;
import io.callready.collector.result.ResultReader;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The stored {@code wan_traffic} and {@code rtp_burst} results of one site as wire {@link ProbeResult}s, so the
 * advice module's {@code SiteSeries.from} is the one rule that turns results into analysis input; they carry only
 * the metrics and labels it reads ({@link SiteSeries#METRICS_READ}) and no details. At most {@code maxResults} of the
 * newest are read, streamed from the database in pages.
 */
final class SiteResults {
    private static final int FETCH_SIZE = 2000;
    private static final String NEWEST = """
            SELECT max(received_at) FROM results
            WHERE site_id = ? AND kind IN ('wan_traffic', 'rtp_burst') AND started_at >= ? AND started_at <= ?""";
    /**
     * {@link ResultReader#COLUMNS} with only the metrics and labels the advice reads and no details: the whole rows
     * made the job parse about 2 KB of details and 33 metrics per burst, which took 83 s of one run at 32 sites
     * under the ingest benchmark. One {@code jsonb_each} per column, since each {@code ->} on a compressed value
     * decompresses it again.
     */
    private static final String READ = "SELECT " + ResultReader.columns(
            "(SELECT coalesce(jsonb_object_agg(m.key, m.value), '{}') FROM jsonb_each(metrics) m WHERE m.key = ANY (?)) AS metrics",
            "(SELECT coalesce(jsonb_object_agg(l.key, l.value), '{}') FROM jsonb_each(labels) l WHERE l.key = ANY (?)) AS labels",
            "NULL::jsonb AS details") + """
             FROM results
            WHERE site_id = ? AND kind IN ('wan_traffic', 'rtp_burst') AND started_at >= ? AND started_at <= ?
            ORDER BY started_at DESC
            LIMIT ?""";
    /** What the advice reads, and the port speed {@link Read} reports. */
    private static final String[] METRICS_READ = Stream.concat(SiteSeries.METRICS_READ.stream(), Stream.of(MetricNames.PORT_SPEED_BPS))
            .sorted().toArray(String[]::new);
    private static final String[] LABELS_READ = SiteSeries.LABELS_READ.stream().sorted().toArray(String[]::new);

    /** What an assessment read: the results, newest first, and the newest port speed a traffic sample reported. */
    record Read(List<ProbeResult> results, Double portSpeedBps, boolean truncated) {
    }

    private SiteResults() {
    }

    /** The newest received_at among the site's results in the window, null when there are none. */
    static Instant newestReceived(Connection c, UUID siteId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(NEWEST)) {
            bind(q, 1, siteId, from, to);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** @throws IllegalStateException for a stored row that is no wire result (its metrics are not numbers, say) */
    static Read read(Connection c, ResultReader rows, UUID siteId, Instant from, Instant to, int maxResults) throws SQLException {
        List<ProbeResult> results = new ArrayList<>();
        Double portSpeed = null;
        try (PreparedStatement q = c.prepareStatement(READ)) {
            q.setArray(1, c.createArrayOf("text", METRICS_READ));
            q.setArray(2, c.createArrayOf("text", LABELS_READ));
            bind(q, 3, siteId, from, to);
            q.setInt(6, maxResults + 1);
            q.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (results.size() == maxResults) {
                        return new Read(results, portSpeed, true);
                    }
                    ProbeResult r = rows.row(rs).wire();
                    if (portSpeed == null && r.kind() == ProbeKind.WAN_TRAFFIC) {
                        portSpeed = r.metrics().get(MetricNames.PORT_SPEED_BPS);
                    }
                    results.add(r);
                }
                return new Read(results, portSpeed, false);
            }
        }
    }

    private static void bind(PreparedStatement q, int first, UUID siteId, Instant from, Instant to) throws SQLException {
        q.setObject(first, siteId);
        q.setObject(first + 1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        q.setObject(first + 2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }
}
