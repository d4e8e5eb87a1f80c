package io.callready.agent.profile;

import java.time.Duration;

/**
 * How to run a profile's checklist.
 *
 * @param reflectorHost host of a CallReady reflector running its SIP responder, or null (ALG and fragmentation skipped)
 * @param reflectorPort the responder's standard SIP port (UDP and TCP)
 * @param dns           {@code host:port} of the DNS server to use, or null for the system's
 * @param sipHost       SIP server to check instead of the profile's (required for profiles that name none)
 * @param sipTimeout    per SIP target (Timer F); shorter than RFC 3261's 32 s so a check finishes in time
 */
public record CheckOptions(String reflectorHost, int reflectorPort, String dns, String sipHost, Duration sipTimeout) {
    public static final Duration DEFAULT_SIP_TIMEOUT = Duration.ofSeconds(8);
}
