package io.callready.agent.probe.sip;

import io.callready.wire.plan.SipTransport;

import java.util.List;

/**
 * What server location found for one transport.
 *
 * @param transport the transport asked for
 * @param targets   in the order RFC 3263 says to try them; empty when resolution failed
 * @param steps     each DNS question and its answer, for the report
 * @param dnsMs     time spent asking DNS for this transport
 * @param error     why nothing was found, or null
 */
public record Resolution(SipTransport transport, List<Target> targets, List<String> steps, long dnsMs, String error) {
    public Resolution {
        targets = List.copyOf(targets);
        steps = List.copyOf(steps);
    }
}
