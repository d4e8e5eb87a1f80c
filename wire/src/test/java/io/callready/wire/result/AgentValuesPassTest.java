package io.callready.wire.result;

import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric and label the agent writes ({@link MetricNames}, plus the per-target SIP keys and what-if MOS) at
 * the values the agent's probes produce, at both ends of their real range: all of them must pass the rules, or
 * the collector would refuse good results. A new MetricNames constant without a value here fails the test.
 */
class AgentValuesPassTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** The least and the most each metric takes in the agent's code paths. */
    static final Map<String, double[]> METRICS = Map.ofEntries(
            Map.entry(MetricNames.RTT_MS, new double[]{0, 2000}),
            Map.entry(MetricNames.RTT_MIN_MS, new double[]{0, 2000}),
            Map.entry(MetricNames.RTT_MAX_MS, new double[]{0, 5000}),
            Map.entry(MetricNames.JITTER_UP_MS, new double[]{0, 500}),
            Map.entry(MetricNames.JITTER_DOWN_MS, new double[]{0, 500}),
            Map.entry(MetricNames.LOSS_UP_RATIO, new double[]{0, 1}),
            Map.entry(MetricNames.LOSS_DOWN_RATIO, new double[]{0, 1}),
            Map.entry(MetricNames.PACKETS_SENT, new double[]{0, 12_000}),
            Map.entry(MetricNames.PACKETS_RECEIVED, new double[]{0, 12_000}),
            Map.entry(MetricNames.DUPLICATES_UP, new double[]{0, 12_000}),
            Map.entry(MetricNames.DUPLICATES_DOWN, new double[]{0, 12_000}),
            Map.entry(MetricNames.REORDERED_UP, new double[]{0, 12_000}),
            Map.entry(MetricNames.REORDERED_DOWN, new double[]{0, 12_000}),
            // LossRuns.burstRatio: 1 without loss, 1 / (p + q) otherwise, so 0.5 for strictly alternating loss.
            Map.entry(MetricNames.BURST_R_UP, new double[]{0.5, 12_000}),
            Map.entry(MetricNames.BURST_R_DOWN, new double[]{0.5, 12_000}),
            Map.entry(MetricNames.LOSS_BURSTS_UP, new double[]{0, 6_000}),
            Map.entry(MetricNames.LOSS_BURSTS_DOWN, new double[]{0, 6_000}),
            Map.entry(MetricNames.LATE_DISCARDS_UP, new double[]{0, 12_000}),
            Map.entry(MetricNames.LATE_DISCARDS_DOWN, new double[]{0, 12_000}),
            Map.entry(MetricNames.LOSS_EFFECTIVE_UP_RATIO, new double[]{0, 1}),
            Map.entry(MetricNames.LOSS_EFFECTIVE_DOWN_RATIO, new double[]{0, 1}),
            Map.entry(MetricNames.JITTER_BUFFER_UP_MS, new double[]{0, 1000}),
            Map.entry(MetricNames.JITTER_BUFFER_DOWN_MS, new double[]{0, 1000}),
            Map.entry(MetricNames.LOSS_ROUND_TRIP_RATIO, new double[]{0, 1}),
            Map.entry(MetricNames.JITTER_ROUND_TRIP_MS, new double[]{0, 500}),
            Map.entry(MetricNames.ONE_WAY_DELAY_MS, new double[]{0, 3000}),
            // DelayModel: medians clamped at 0, at most the RTT; the error bound is two kernels' maxerror (16 s each at worst)
            Map.entry(MetricNames.DELAY_UP_MS, new double[]{0, 5000}),
            Map.entry(MetricNames.DELAY_DOWN_MS, new double[]{0, 5000}),
            Map.entry(MetricNames.DELAY_ERROR_MS, new double[]{0, 32_000}),
            Map.entry(MetricNames.R_FACTOR, new double[]{0, 93.2}),
            Map.entry(MetricNames.MOS, new double[]{1, 4.5}),
            Map.entry(MetricNames.MOS_UP, new double[]{1, 4.5}),
            Map.entry(MetricNames.MOS_DOWN, new double[]{1, 4.5}),
            Map.entry(MetricNames.DNS_MS, new double[]{0, 30_000}),
            Map.entry(MetricNames.SIP_CONNECT_MS, new double[]{0, 30_000}),
            Map.entry(MetricNames.SIP_RESPONSE_MS, new double[]{0, 32_000}),
            Map.entry(MetricNames.SIP_STATUS_CODE, new double[]{100, 699}),
            Map.entry(MetricNames.SIP_TARGETS_REACHABLE, new double[]{0, 64}),
            Map.entry(MetricNames.SIP_TARGETS_TRIED, new double[]{0, 64}),
            Map.entry(MetricNames.TLS_DAYS_TO_EXPIRY, new double[]{-3650, 3650}),
            Map.entry(MetricNames.SIP_ALG_REWRITES, new double[]{0, 50}),
            Map.entry(MetricNames.SIP_LARGEST_UDP_BYTES, new double[]{0, 65_507}),
            Map.entry(MetricNames.PATH_MTU_BYTES, new double[]{68, 65_535}),
            Map.entry(MetricNames.CHECKS_PASSED, new double[]{0, 100}),
            Map.entry(MetricNames.CHECKS_WARNED, new double[]{0, 100}),
            Map.entry(MetricNames.CHECKS_FAILED, new double[]{0, 100}),
            // WAN traffic: LineRate.MAX_BPS bounds line rates and rates; WanTrafficSpec.MAX_INTERVAL bounds sample_ms
            Map.entry(MetricNames.UP_BPS, new double[]{0, 1e12}),
            Map.entry(MetricNames.DOWN_BPS, new double[]{0, 1e12}),
            Map.entry(MetricNames.UP_UTILISATION_PCT, new double[]{0, 1000}),
            Map.entry(MetricNames.DOWN_UTILISATION_PCT, new double[]{0, 1000}),
            Map.entry(MetricNames.LINE_UP_BPS, new double[]{1, 1e12}),
            Map.entry(MetricNames.LINE_DOWN_BPS, new double[]{1, 1e12}),
            Map.entry(MetricNames.PORT_SPEED_BPS, new double[]{0, 1e12}),
            Map.entry(MetricNames.IN_DISCARDS, new double[]{0, 1e9}),
            Map.entry(MetricNames.OUT_DISCARDS, new double[]{0, 1e9}),
            Map.entry(MetricNames.OUT_ERRORS, new double[]{0, 1e9}),
            Map.entry(MetricNames.SAMPLE_MS, new double[]{1, 3_600_000}),
            Map.entry(MetricNames.WAN_UP_BPS, new double[]{0, 1e12}),
            Map.entry(MetricNames.WAN_DOWN_BPS, new double[]{0, 1e12}),
            Map.entry(MetricNames.WAN_UP_UTILISATION_PCT, new double[]{0, 1000}),
            Map.entry(MetricNames.WAN_DOWN_UTILISATION_PCT, new double[]{0, 1000}),
            // NAT behaviour: a STUN answer waits at most 5 s; a run has at most 8 tests
            Map.entry(MetricNames.STUN_RTT_MS, new double[]{0, 5000}),
            Map.entry(MetricNames.STUN_TESTS, new double[]{0, 8}),
            Map.entry(MetricNames.STUN_ANSWERS, new double[]{0, 8}),
            // binding lifetime: bounded by the search's cap, at most 1 h
            Map.entry(MetricNames.BINDING_SURVIVED_TWO_WAY_MS, new double[]{0, 3_600_000}),
            Map.entry(MetricNames.BINDING_EXPIRED_TWO_WAY_MS, new double[]{1000, 3_600_000}),
            Map.entry(MetricNames.BINDING_SURVIVED_ONE_WAY_MS, new double[]{0, 3_600_000}),
            Map.entry(MetricNames.BINDING_EXPIRED_ONE_WAY_MS, new double[]{1000, 3_600_000}),
            Map.entry(MetricNames.BINDING_CAP_MS, new double[]{10_000, 3_600_000}));

    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(MetricNames.LABEL_CODEC, "g722"),
            Map.entry(MetricNames.LABEL_MOS_IF_PROVISIONAL, "g722,opus"),
            Map.entry(MetricNames.LABEL_JITTER_BUFFER, "adaptive:200"),
            Map.entry(MetricNames.LABEL_MEASUREMENT, "round_trip_only"),
            Map.entry(MetricNames.LABEL_STAMP_REFLECTOR_MODE, "stateless"),
            Map.entry(MetricNames.LABEL_MOS_PROVISIONAL, "true"),
            Map.entry(MetricNames.LABEL_PTIME_MS, "40"),
            Map.entry(MetricNames.LABEL_DSCP, "46"),
            Map.entry(MetricNames.LABEL_DSCP_SEEN_UP, "0"),
            Map.entry(MetricNames.LABEL_DSCP_SEEN_DOWN, "63"),
            Map.entry(MetricNames.LABEL_TRANSPORT, "tls"),
            Map.entry(MetricNames.LABEL_VERDICT, "warn"),
            Map.entry(MetricNames.LABEL_PROFILE, "teams-direct-routing"),
            Map.entry(MetricNames.LABEL_NAT_MAPPING, "address_and_port_dependent"),
            Map.entry(MetricNames.LABEL_NAT_FILTERING, "endpoint_independent"),
            Map.entry(MetricNames.LABEL_PORT_PRESERVED, "unknown"),
            Map.entry(MetricNames.LABEL_HAIRPINNING, "false"),
            Map.entry(MetricNames.LABEL_PUBLIC_ADDRESS, "2001:db8:1234:5678:11:2233:4455:6677"),
            Map.entry(MetricNames.LABEL_PUBLIC_ADDRESS_CLASS, "shared_cgnat"),
            Map.entry(MetricNames.LABEL_MAPPED_ADDRESS_REWRITTEN, "true"),
            Map.entry(MetricNames.LABEL_DOUBLE_NAT, "double_nat_possible"),
            Map.entry(MetricNames.LABEL_DELAY_MODEL, "rtt_half"),
            Map.entry(MetricNames.LABEL_TX_TIMESTAMPS, "kernel"),
            Map.entry(MetricNames.LABEL_REFLECTOR_TX_TIMESTAMPS, "kernel"),
            Map.entry(MetricNames.LABEL_INTERVAL, "5m"),
            Map.entry(MetricNames.LABEL_INTERFACE, "pppoe-wan"),
            Map.entry(MetricNames.LABEL_SOURCE, "snmp"),
            Map.entry(MetricNames.LABEL_LINE_RATE_SOURCE, "contracted"),
            Map.entry(MetricNames.LABEL_COUNTER_BITS, "32"),
            Map.entry(MetricNames.LABEL_WAN_LINE_RATE_SOURCE, "port"),
            Map.entry(MetricNames.LABEL_WAN_TRAFFIC, "unavailable: snmp timeout after 2s from 192.0.2.1:161"));

    @Test
    void everyMetricNameHasAnAgentRangeHere() throws IllegalAccessException {
        for (Field f : MetricNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String name = (String) f.get(null);
                boolean known = f.getName().startsWith("LABEL_") ? LABELS.containsKey(name) : METRICS.containsKey(name);
                assertThat(known).as(f.getName() + " has an agent value in this test").isTrue();
            }
        }
    }

    @Test
    void theLeastAndTheMostOfEveryAgentMetricPass() {
        for (int end = 0; end < 2; end++) {
            Map<String, Double> metrics = new HashMap<>();
            int at = end;
            METRICS.forEach((key, range) -> metrics.put(key, range[at]));
            for (Codec codec : Codec.values()) {
                metrics.put(MetricNames.mosIf(codec), end == 0 ? 1.0 : 4.5);
            }
            metrics.put("sip_response_edge_1_ms", end == 0 ? 0.0 : 32_000.0);
            metrics.put("sip_connect_edge_1_ms", end == 0 ? 0.0 : 30_000.0);
            ProbeResult r = new ProbeResult(UUID.randomUUID(), UUID.randomUUID().toString(), ProbeKind.RTP_BURST,
                    "reflector.example.net:5004", NOW.minusSeconds(60), 120_000, ResultStatus.DEGRADED,
                    "loss 2.1 %\nDSCP 46 was re-marked to 0 on the way up", metrics, LABELS, null);
            assertThat(ResultRules.check(r, NOW, ResultRules.Window.DEFAULT)).isEmpty();
        }
    }

    @Test
    void everyIntervalAPlanWritesAsALabelPasses() {
        for (String interval : new String[]{"1s", "30s", "1m", "5m", "15m", "1h", "24h"}) {
            ProbeResult r = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.SIP_OPTIONS, "sip.example.net:5061", NOW, 0,
                    ResultStatus.OK, "", Map.of(), Map.of(MetricNames.LABEL_INTERVAL, interval), null);
            assertThat(ResultRules.check(r, NOW, ResultRules.Window.DEFAULT)).as(interval).isEmpty();
        }
    }
}
