package io.callready.agent.probe.nat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the RFC 5780 tests saw, before any conclusion. Mapping tests run on one socket, filtering tests on a fresh
 * one (so the mapping tests' traffic to the alternate address does not open its filter), hairpinning from a third.
 *
 * @param local              the mapping socket's own address
 * @param primary            test I: Binding to IP1:P1
 * @param alternateIp        test II: Binding to IP2:P1 (empty: no answer, or not run because test I found no NAT)
 * @param alternateBoth      test III: Binding to IP2:P2 (empty: no answer, or not needed)
 * @param changeBoth         filtering test II: answer from IP2:P2 arrived
 * @param changePort         filtering test III: answer from IP1:P2 arrived
 * @param hairpin            a datagram sent from another local socket to the mapped address arrived
 * @param otherAddressKnown  the server announced OTHER-ADDRESS, so tests II/III and the filtering tests could run
 */
public record NatObservations(InetSocketAddress local, Optional<BindingReply> primary, Optional<BindingReply> alternateIp,
                              Optional<BindingReply> alternateBoth, Answer changeBoth, Answer changePort, Answer hairpin,
                              boolean otherAddressKnown) {

    /** A test's outcome: the datagram arrived, did not arrive in time, or the test was not run. */
    public enum Answer {
        ARRIVED, NONE, NOT_RUN;

        public static Answer of(boolean arrived) {
            return arrived ? ARRIVED : NONE;
        }
    }
}
