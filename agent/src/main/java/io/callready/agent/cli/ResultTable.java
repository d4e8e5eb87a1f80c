package io.callready.agent.cli;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;

import java.util.Locale;
import java.util.Map;

/** A person-readable rendering of one probe result for {@code check}. */
final class ResultTable {
    private ResultTable() {
    }

    /** Renders what the result has; a probe without per-direction data shows n/a there. */
    static String render(ProbeResult r) {
        Map<String, Double> m = r.metrics();
        Map<String, String> l = r.labels();
        StringBuilder sb = new StringBuilder();
        boolean stream = l.containsKey(MetricNames.LABEL_PTIME_MS);
        line(sb, "target", r.target() + "  (" + r.kind().wireName() + (stream ? ", " + l.getOrDefault(MetricNames.LABEL_CODEC, "?") + ", "
                + l.get(MetricNames.LABEL_PTIME_MS) + " ms, DSCP " + l.getOrDefault(MetricNames.LABEL_DSCP, "?") : "") + ")");
        line(sb, "status", r.status().wireName().toUpperCase(Locale.ROOT) + "  " + r.reason());
        if (m.containsKey(MetricNames.MOS)) {
            String provisional = "true".equals(l.get(MetricNames.LABEL_MOS_PROVISIONAL)) ? "  (provisional: no narrowband values for this codec)" : "";
            line(sb, "MOS", f("%.2f", m.get(MetricNames.MOS)) + "  R " + f("%.1f", m.get(MetricNames.R_FACTOR))
                    + "  mouth-to-ear " + f("%.1f ms", m.get(MetricNames.ONE_WAY_DELAY_MS)) + provisional);
        }
        if (m.containsKey(MetricNames.mosIf(Codec.PCMU))) {
            StringBuilder whatIf = new StringBuilder();
            for (Codec c : Codec.values()) {
                whatIf.append(c.wireName()).append(' ').append(f("%.2f", m.get(MetricNames.mosIf(c)))).append("  ");
            }
            line(sb, "MOS if codec", whatIf.toString().strip() + "  (provisional: " + l.getOrDefault(MetricNames.LABEL_MOS_IF_PROVISIONAL, "none") + ")");
        }
        if (m.containsKey(MetricNames.LOSS_ROUND_TRIP_RATIO)) {
            line(sb, "round trip", f("loss %.2f %%", 100 * m.get(MetricNames.LOSS_ROUND_TRIP_RATIO))
                    + (m.containsKey(MetricNames.JITTER_ROUND_TRIP_MS) ? f(", RTT jitter %.2f ms", m.get(MetricNames.JITTER_ROUND_TRIP_MS)) : "")
                    + ("round_trip_only".equals(l.get(MetricNames.LABEL_MEASUREMENT)) ? "  (round-trip only: no direction, no MOS)" : ""));
        }
        if (m.containsKey(MetricNames.RTT_MS)) {
            line(sb, "RTT", f("%.2f ms", m.get(MetricNames.RTT_MS)) + "  (min " + f("%.2f", m.get(MetricNames.RTT_MIN_MS))
                    + ", max " + f("%.2f", m.get(MetricNames.RTT_MAX_MS)) + ")");
            sb.append(String.format(Locale.ROOT, "%-14s %12s %12s%n", "", "up", "down"));
            row(sb, "loss", "%.2f %%", 100, m.get(MetricNames.LOSS_UP_RATIO), m.get(MetricNames.LOSS_DOWN_RATIO));
            row(sb, "jitter", "%.2f ms", 1, m.get(MetricNames.JITTER_UP_MS), m.get(MetricNames.JITTER_DOWN_MS));
            row(sb, "MOS", "%.2f", 1, m.get(MetricNames.MOS_UP), m.get(MetricNames.MOS_DOWN));
            row(sb, "BurstR", "%.2f", 1, m.get(MetricNames.BURST_R_UP), m.get(MetricNames.BURST_R_DOWN));
            row(sb, "late discards", "%.0f", 1, m.get(MetricNames.LATE_DISCARDS_UP), m.get(MetricNames.LATE_DISCARDS_DOWN));
            row(sb, "duplicates", "%.0f", 1, m.get(MetricNames.DUPLICATES_UP), m.get(MetricNames.DUPLICATES_DOWN));
            row(sb, "reordered", "%.0f", 1, m.get(MetricNames.REORDERED_UP), m.get(MetricNames.REORDERED_DOWN));
        }
        if (m.containsKey(MetricNames.PACKETS_SENT)) {
            line(sb, "packets", f("%.0f sent", m.get(MetricNames.PACKETS_SENT))
                    + (m.containsKey(MetricNames.PACKETS_RECEIVED) ? f(", %.0f answered", m.get(MetricNames.PACKETS_RECEIVED)) : ""));
        }
        if (l.containsKey(MetricNames.LABEL_DSCP_SEEN_UP)) {
            line(sb, "DSCP at reflector", l.get(MetricNames.LABEL_DSCP_SEEN_UP));
        }
        if (l.containsKey(MetricNames.LABEL_NAT_MAPPING)) {
            line(sb, "NAT", "mapping " + l.get(MetricNames.LABEL_NAT_MAPPING) + ", filtering " + l.get(MetricNames.LABEL_NAT_FILTERING)
                    + ", port preserved " + l.get(MetricNames.LABEL_PORT_PRESERVED) + ", hairpinning " + l.get(MetricNames.LABEL_HAIRPINNING));
            line(sb, "public address", l.getOrDefault(MetricNames.LABEL_PUBLIC_ADDRESS, "?") + " ("
                    + l.getOrDefault(MetricNames.LABEL_PUBLIC_ADDRESS_CLASS, "?") + ")");
        }
        line(sb, "duration", r.durationMs() + " ms, started " + r.startedAt());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "%-14s %s%n", name, value));
    }

    private static void row(StringBuilder sb, String name, String format, double scale, Double up, Double down) {
        sb.append(String.format(Locale.ROOT, "%-14s %12s %12s%n", name, cell(format, scale, up), cell(format, scale, down)));
    }

    private static String cell(String format, double scale, Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, format, v * scale);
    }

    private static String f(String format, Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, format, v);
    }
}
