package io.callready.reflector.sip;

import java.net.InetAddress;
import java.util.List;

/**
 * @param bind     address to listen on
 * @param udpPorts UDP ports to answer on (5060, 5080 and 5160 by default: the standard port and the alternate ones)
 * @param tcpPorts TCP ports to answer on (the same by default: the ALG test compares both transports on every port)
 */
public record SipResponderSettings(InetAddress bind, List<Integer> udpPorts, List<Integer> tcpPorts) {
    public static final List<Integer> DEFAULT_UDP_PORTS = List.of(5060, 5080, 5160);
    public static final List<Integer> DEFAULT_TCP_PORTS = List.of(5060, 5080, 5160);

    public SipResponderSettings {
        udpPorts = List.copyOf(udpPorts);
        tcpPorts = List.copyOf(tcpPorts);
        for (int p : udpPorts) check(p);
        for (int p : tcpPorts) check(p);
        if (udpPorts.isEmpty() && tcpPorts.isEmpty()) {
            throw new IllegalArgumentException("the SIP responder needs at least one UDP or TCP port");
        }
    }

    private static void check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 0..65535, got " + port);
        }
    }
}
