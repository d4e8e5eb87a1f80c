package io.callready.collector.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code callready.notify.*}: outbox delivery and the SSRF guard. */
@ConfigMapping(prefix = "callready.notify")
public interface NotifyConfig {
    /** How often the delivery worker looks for due messages; "off" disables the schedule. */
    @WithDefault("1s")
    String pollEvery();

    /** First retry delay; doubled per attempt up to {@link #maxBackoff()}, each with ±20 % jitter. */
    @WithDefault("1S")
    Duration initialBackoff();

    @WithDefault("5M")
    Duration maxBackoff();

    /** A message is retried at least this long before it is recorded as failed. */
    @WithDefault("24H")
    Duration retryFor();

    /** Messages one channel gets per worker pass (one at a time); the rest wait for the next pass. */
    @WithDefault("20")
    int batchSize();

    /** Channels delivering at the same time, each on its own virtual thread with one message in flight. */
    @WithDefault("32")
    int parallelChannels();

    @WithDefault("5S")
    Duration connectTimeout();

    /** Longest silence while waiting for a receiver's answer. */
    @WithDefault("10S")
    Duration readTimeout();

    /** Longest whole attempt (connect, TLS, request, answer); also sets the claim lease (this plus 30 s). */
    @WithDefault("30S")
    Duration requestTimeout();

    /**
     * Networks (CIDR, e.g. 10.20.0.0/16 or 127.0.0.1/32) that receivers may use although the SSRF guard refuses
     * private, loopback and similar ranges; for on-premises receivers only.
     */
    Optional<List<String>> allowedNetworks();
}
