package io.callready.agent.profile;

import io.callready.wire.plan.HostPort;

import java.time.Duration;

/**
 * How to run a profile's checklist.
 *
 * @param reflectorHost host of a CallReady reflector running its SIP responder, or null (ALG and fragmentation skipped)
 * @param reflectorPort the responder's standard SIP port (UDP and TCP)
 * @param dns           {@code host:port} of the DNS server to use, or null for the system's
 * @param sipHost       SIP server to check instead of the profile's (required for profiles that name none)
 * @param sipTimeout    per SIP target (Timer F); shorter than RFC 3261's 32 s so a check finishes in time
 * @param reflectorRtpPort the same reflector's probe port, for the DSCP and RTP port items (default 5004)
 * @param routerStamp   {@code host:port} of a STAMP reflector on the site's router, or null: places a DSCP change
 *                      on the LAN side or beyond
 */
public record CheckOptions(String reflectorHost, int reflectorPort, String dns, String sipHost, Duration sipTimeout,
                           int reflectorRtpPort, String routerStamp) {
    public static final Duration DEFAULT_SIP_TIMEOUT = Duration.ofSeconds(8);
    public static final int DEFAULT_REFLECTOR_RTP_PORT = 5004;

    public CheckOptions(String reflectorHost, int reflectorPort, String dns, String sipHost, Duration sipTimeout) {
        this(reflectorHost, reflectorPort, dns, sipHost, sipTimeout, DEFAULT_REFLECTOR_RTP_PORT, null);
    }

    /** These options with the media path targets; null keeps the default port / no router reflector. */
    public CheckOptions withPath(Integer rtpPort, String router) {
        if (rtpPort != null && (rtpPort < 1 || rtpPort > 65535)) {
            throw new IllegalArgumentException("reflector RTP port must be 1..65535, got " + rtpPort);
        }
        if (router != null) {
            HostPort.parse(router);
        }
        return new CheckOptions(reflectorHost, reflectorPort, dns, sipHost, sipTimeout, rtpPort == null ? reflectorRtpPort : rtpPort, router);
    }
}
