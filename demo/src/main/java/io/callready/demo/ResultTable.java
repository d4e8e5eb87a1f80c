package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats stored RTP burst results as the demo's live table, WAN traffic samples and the QoS verdict as lines between. */
final class ResultTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String FORMAT = "%-8s  %-21s  %-5s  %4s  %5s  %15s  %15s  %7s  %s";

    static String header() {
        return String.format(Locale.ROOT, FORMAT, "time", "target", "codec", "MOS", "R",
                "jitter up/down", "loss up/down", "RTT", "status")
                + "\n" + String.format(Locale.ROOT, FORMAT, "", "", "", "", "", "ms", "%", "ms", "");
    }

    static String row(JsonNode result) {
        JsonNode m = result.path("metrics");
        String status = result.path("status").asText();
        if (!"ok".equals(status)) {
            status += " (" + result.path("reason").asText() + ")";
        }
        return String.format(Locale.ROOT, FORMAT,
                TIME.format(Instant.parse(result.path("startedAt").asText())),
                result.path("target").asText(),
                result.path("labels").path("codec").asText("-"),
                num(m, "mos", "%.2f"), num(m, "r_factor", "%.1f"),
                num(m, "jitter_up_ms", "%.2f") + " / " + num(m, "jitter_down_ms", "%.2f"),
                percent(m, "loss_up_ratio") + " / " + percent(m, "loss_down_ratio"),
                num(m, "rtt_ms", "%.2f"),
                status);
    }

    /** A {@code wan_traffic} sample: rates per direction (up = sent by this machine on the interface). */
    static String trafficRow(JsonNode result) {
        JsonNode m = result.path("metrics");
        String rates = "ok".equals(result.path("status").asText())
                ? "up " + kbps(m, "up_bps") + " kbit/s, down " + kbps(m, "down_bps") + " kbit/s"
                : result.path("status").asText() + " (" + result.path("reason").asText() + ")";
        return String.format(Locale.ROOT, "%-8s  %-21s  traffic %s", TIME.format(Instant.parse(result.path("startedAt").asText())),
                result.path("target").asText(), rates);
    }

    /** The stored QoS assessment: verdict, confidence and its first evidence sentence. */
    static String verdictLine(JsonNode advice) {
        JsonNode evidence = advice.path("evidence");
        return "QoS verdict " + advice.path("verdict").asText() + " (" + advice.path("confidence").asText() + " confidence)"
                + (evidence.isArray() && !evidence.isEmpty() ? ": " + evidence.get(0).asText() : "");
    }

    private static String kbps(JsonNode metrics, String key) {
        JsonNode v = metrics.get(key);
        return v == null || !v.isNumber() ? "-" : String.format(Locale.ROOT, "%.1f", v.asDouble() / 1000);
    }

    private static String num(JsonNode metrics, String key, String format) {
        JsonNode v = metrics.get(key);
        return v == null || !v.isNumber() ? "-" : String.format(Locale.ROOT, format, v.asDouble());
    }

    private static String percent(JsonNode metrics, String key) {
        JsonNode v = metrics.get(key);
        return v == null || !v.isNumber() ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v.asDouble());
    }

    private ResultTable() {
    }
}
