package io.callready.agent.probe.sip;

import io.callready.wire.plan.SipTransport;

import java.net.InetAddress;

/**
 * One place RFC 3263 says to try, in order.
 *
 * @param transport     transport to use there
 * @param host          host name the address came from (the SRV target, or the dialled host)
 * @param canonicalName the name the A/AAAA record actually belongs to after CNAMEs (equals host when none)
 * @param address       the address to send to
 * @param port          the port to send to
 * @param via           how it was found, e.g. {@code NAPTR SIP+D2T → SRV _sip._tcp.example.com → A}
 */
public record Target(SipTransport transport, String host, String canonicalName, InetAddress address, int port, String via) {

    public String endpoint() {
        String a = address.getHostAddress();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port;
    }
}
