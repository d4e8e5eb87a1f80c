package io.callready.agent.schedule;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The one stdout line per probe run in service mode:
 * {@code 2026-11-21T15:40:00Z rtp_burst hq-reflector 127.0.0.1:5004 ok mos=4.41 r=93.2 rtt=0.3ms jitter=0.02/0.03ms loss=0.000/0.000}.
 * Jitter, loss and traffic are up/down ({@code traffic=} a wan_traffic sample, {@code wan=} the WAN during a burst). Metrics a run did not produce are left out; anything but {@code ok} adds
 * {@code reason="…"}.
 */
public final class RunLine {
    private RunLine() {
    }

    public static String format(String probeName, ProbeResult r) {
        Map<String, Double> m = r.metrics();
        StringBuilder sb = new StringBuilder()
                .append(r.startedAt().truncatedTo(ChronoUnit.SECONDS)).append(' ')
                .append(r.kind().wireName()).append(' ')
                .append(probeName).append(' ')
                .append(r.target()).append(' ')
                .append(r.status().wireName());
        field(sb, "mos", "%.2f", m.get(MetricNames.MOS));
        field(sb, "r", "%.1f", m.get(MetricNames.R_FACTOR));
        field(sb, "rtt", "%.1fms", m.get(MetricNames.RTT_MS));
        pair(sb, "jitter", "%.2f", "ms", m.get(MetricNames.JITTER_UP_MS), m.get(MetricNames.JITTER_DOWN_MS));
        pair(sb, "loss", "%.3f", "", m.get(MetricNames.LOSS_UP_RATIO), m.get(MetricNames.LOSS_DOWN_RATIO));
        pair(sb, "traffic", "%.3f", "Mbit/s", mega(m.get(MetricNames.UP_BPS)), mega(m.get(MetricNames.DOWN_BPS)));
        pair(sb, "wan", "%.3f", "Mbit/s", mega(m.get(MetricNames.WAN_UP_BPS)), mega(m.get(MetricNames.WAN_DOWN_BPS)));
        if (r.status() != ResultStatus.OK) {
            sb.append(" reason=\"").append(r.reason().replace("\"", "'")).append('"');
        }
        return sb.toString();
    }

    private static Double mega(Double bps) {
        return bps == null ? null : bps / 1e6;
    }

    private static void field(StringBuilder sb, String name, String format, Double value) {
        if (value != null) {
            sb.append(' ').append(name).append('=').append(String.format(Locale.ROOT, format, value));
        }
    }

    private static void pair(StringBuilder sb, String name, String format, String unit, Double up, Double down) {
        if (up != null && down != null) {
            sb.append(' ').append(name).append('=')
                    .append(String.format(Locale.ROOT, format, up)).append('/')
                    .append(String.format(Locale.ROOT, format, down)).append(unit);
        }
    }
}
