package io.callready.agent.probe.sipalg;

import io.callready.wire.plan.SipTransport;

import java.util.List;

/**
 * One test request and what became of it.
 *
 * @param transport       udp or tcp
 * @param port            reflector port it went to
 * @param answered        whether the reflector's echo came back
 * @param error           why not, or null
 * @param sentFrom        our address:port as the socket saw it
 * @param seenFrom        source address:port the reflector saw (differs behind NAT)
 * @param rewrites        what changed on the way
 */
public record AlgLeg(SipTransport transport, int port, boolean answered, String error, String sentFrom, String seenFrom,
                     List<Rewrite> rewrites) {

    /** How {@link SipAlgProbe} words a SIP answer that is not a reflector's echo: a SIP server, not a reflector, is there. */
    public static final String NOT_AN_ECHO = "the answer is not a CallReady reflector echo";

    public boolean foreignAnswer() {
        return !answered && error != null && error.startsWith(NOT_AN_ECHO);
    }

    public boolean rewritten() {
        return answered && !rewrites.isEmpty();
    }

    public String label() {
        return transport.wireName() + "/" + port;
    }
}
