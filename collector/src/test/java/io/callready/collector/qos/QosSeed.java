package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Burst-aligned quality samples with a known answer: {@code quiet} bursts at 20–49 % upstream utilisation that hold,
 * then {@code loaded} bursts at 85–99 % that either break (5 % loss, 45 ms jitter: congestion upstream) or hold
 * (QoS effective). Utilisation is against a contracted line rate. One burst every 5 minutes back from {@code end}.
 */
final class QosSeed {
    /** A customer plan with the burst and the line rate these samples' utilisation is against. */
    static final String PLAN = """
            {"probes": [
              {"kind": "rtp_burst", "name": "pbx", "reflector": "pbx.example.net:5004", "interval": "5m", "codec": "pcmu"},
              {"kind": "wan_traffic", "name": "wan", "source": "local", "interface": "lo",
               "lineRate": {"upBps": 10000000, "downBps": 50000000}}]}""";
    private final SeededResults rows;

    QosSeed(AgroalDataSource db) {
        rows = new SeededResults(db);
    }

    void bursts(UUID customer, UUID site, Instant end, int quiet, int loaded, boolean loadedBreaks) throws SQLException {
        Instant t = end.minus(Duration.ofMinutes(5L * (quiet + loaded)));
        for (int i = 0; i < quiet + loaded; i++, t = t.plus(Duration.ofMinutes(5))) {
            boolean isLoaded = i >= quiet;
            double up = isLoaded ? 85 + (i % 15) : 20 + (i % 30);
            boolean breaks = isLoaded && loadedBreaks;
            burst(customer, site, t, up, breaks ? 0.05 + (i % 5) * 0.01 : 0.0, breaks ? 45 + i % 7 : 2 + (i % 3) * 0.1);
        }
    }

    void burst(UUID customer, UUID site, Instant at, double upUtilisationPct, double lossUp, double jitterUpMs) throws SQLException {
        rows.result(customer, site, "rtp_burst", "pbx.example.net:5004", "ok", at, String.format(Locale.ROOT, """
                {"loss_up_ratio": %s, "loss_down_ratio": 0, "jitter_up_ms": %s, "jitter_down_ms": 1.5, "rtt_ms": 20,
                 "packets_sent_count": 500, "mos": %s, "wan_up_bps": %s, "wan_down_bps": 1000000,
                 "wan_up_utilisation_pct": %s, "wan_down_utilisation_pct": 2}""", lossUp, jitterUpMs,
                lossUp > 0 ? 3.2 : 4.3, upUtilisationPct * 1e5, upUtilisationPct), """
                {"wan_line_rate_source": "contracted", "codec": "pcmu"}""");
    }
}
