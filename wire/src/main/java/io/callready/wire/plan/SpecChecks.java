package io.callready.wire.plan;

import java.time.Duration;

/** Validation shared by the probe specs; messages start with the config key. */
final class SpecChecks {
    static final Duration MAX_BURST = Duration.ofMinutes(2);
    /** The range of the {@code interval} label every result carries (ResultRules): a plan outside it is refused. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

    private SpecChecks() {
    }

    static void target(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required (host:port)");
        }
        HostPort.parse(value);
    }

    static void interval(Duration interval) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be between 1s and 24h, got " + DurationText.format(interval));
        }
    }

    /** A wait for an answer: at least 100 ms (loopback plus a scheduler hiccup), at most {@code max}. */
    static void timeout(Duration timeout, Duration max) {
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(max) > 0) {
            throw new IllegalArgumentException("timeout must be between 100ms and " + DurationText.format(max)
                    + ", got " + DurationText.format(timeout));
        }
    }

    static void ptime(int ptimeMs) {
        if (ptimeMs != 10 && ptimeMs != 20 && ptimeMs != 30 && ptimeMs != 40) {
            throw new IllegalArgumentException("ptime_ms must be 10, 20, 30 or 40, got " + ptimeMs);
        }
    }

    static void dscp(int dscp) {
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("dscp must be 0..63, got " + dscp);
        }
    }

    static void sourcePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("source_port must be 0..65535 (0 = any), got " + port);
        }
    }

    static void burstAndInterval(Duration burst, int ptimeMs, Duration interval) {
        if (burst.toMillis() < ptimeMs || burst.compareTo(MAX_BURST) > 0) {
            throw new IllegalArgumentException("burst must be between one packet and 2m, got " + DurationText.format(burst));
        }
        if (interval.compareTo(burst) < 0) {
            throw new IllegalArgumentException("interval (" + DurationText.format(interval)
                    + ") must not be shorter than burst (" + DurationText.format(burst) + ")");
        }
    }
}
