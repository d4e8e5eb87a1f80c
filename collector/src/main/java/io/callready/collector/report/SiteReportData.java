package io.callready.collector.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.callready.advice.SiteSeries;
import io.callready.collector.result.ResultReader;
import io.callready.report.CheckState;
import io.callready.report.ChecklistAreas;
import io.callready.report.RouterItem;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A site's stored results as report input: the window's rtp_burst samples (through advice's SiteSeries, the one
 * rule that reads them) and the newest result of each router/firewall kind. The newest profile_check contributes its
 * checklist items; standalone probes of the same areas add one item each.
 */
@ApplicationScoped
public class SiteReportData {
    /** Bursts read at most per report: a week of one-a-minute bursts. */
    static final int MAX_BURSTS = 10_080;
    private static final String BURSTS = "SELECT " + ResultReader.COLUMNS + """
             FROM results
            WHERE site_id = ? AND kind = 'rtp_burst' AND started_at >= ? AND started_at <= ?
            ORDER BY started_at DESC
            LIMIT ?""";
    private static final String LATEST = "SELECT DISTINCT ON (kind) " + ResultReader.COLUMNS + """
             FROM results
            WHERE site_id = ? AND started_at <= ? AND kind IN
                  ('profile_check', 'sip_alg', 'sip_fragmentation', 'nat_behaviour', 'udp_lifetime', 'dscp_matrix', 'rtp_ports')
            ORDER BY kind, started_at DESC, result_id DESC""";
    private static final Map<ProbeKind, String> AREAS = Map.of(ProbeKind.SIP_ALG, "SIP ALG",
            ProbeKind.SIP_FRAGMENTATION, "Fragmentation", ProbeKind.NAT_BEHAVIOUR, "NAT",
            ProbeKind.UDP_LIFETIME, "UDP timeouts", ProbeKind.DSCP_MATRIX, "DSCP", ProbeKind.RTP_PORTS, "RTP ports");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ResultReader rows;

    /** What the report reads; {@code agents} are the names of the agents whose results it shows. */
    public record Data(SiteSeries series, List<RouterItem> router, List<String> agents) {
    }

    public Data read(UUID siteId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            List<ProbeResult> bursts = query(c, BURSTS, siteId, from, to, true);
            List<ProbeResult> latest = query(c, LATEST, siteId, null, to, false);
            List<RouterItem> items = new ArrayList<>();
            List<String> agents = new ArrayList<>();
            for (ProbeResult r : latest) {
                items.addAll(r.kind() == ProbeKind.PROFILE_CHECK ? checklist(r) : List.of(standalone(r)));
            }
            bursts.stream().map(ProbeResult::agentId).forEach(a -> addOnce(agents, a));
            latest.stream().map(ProbeResult::agentId).forEach(a -> addOnce(agents, a));
            return new Data(SiteSeries.from(bursts), items, agents);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the results of site " + siteId + " for its report failed", e);
        }
    }

    /** The checklist document's items (callready.checklist/1); a document that is not one gives no items. */
    static List<RouterItem> checklist(ProbeResult r) {
        JsonNode items = r.details() == null ? null : r.details().get("items");
        if (items == null || !items.isArray()) {
            return List.of(standalone(r));
        }
        List<RouterItem> out = new ArrayList<>();
        for (JsonNode i : items) {
            CheckState state;
            try {
                state = CheckState.fromWireName(i.path("status").asText());
            } catch (IllegalArgumentException e) {
                state = CheckState.SKIPPED;
            }
            JsonNode fix = i.get("fix");
            out.add(new RouterItem(ChecklistAreas.of(i.path("id").asText()), i.path("title").asText(), state,
                    i.path("evidence").asText(), fix == null || fix.isNull() ? null : fix.asText()));
        }
        return out;
    }

    /** ok → pass, degraded → warn, failed → fail, error (the probe could not run) → not checked. */
    static RouterItem standalone(ProbeResult r) {
        CheckState state = switch (r.status()) {
            case OK -> CheckState.PASS;
            case DEGRADED -> CheckState.WARN;
            case FAILED -> CheckState.FAIL;
            case ERROR -> CheckState.SKIPPED;
        };
        String area = AREAS.getOrDefault(r.kind(), "Provider checklist");
        return new RouterItem(area, r.kind().wireName() + " " + r.target(), state, r.reason(), null);
    }

    private List<ProbeResult> query(Connection c, String sql, UUID siteId, Instant from, Instant to, boolean window) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, siteId);
            int i = 2;
            if (window) {
                q.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            q.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (window) {
                q.setInt(i, MAX_BURSTS);
            }
            List<ProbeResult> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rows.row(rs).wire());
                }
            }
            return out;
        }
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
