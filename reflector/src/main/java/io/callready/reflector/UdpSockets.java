package io.callready.reflector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Binds the UDP sockets every reflector service listens on. */
public final class UdpSockets {
    private UdpSockets() {
    }

    /**
     * A UDP socket bound to {@code address} and to nothing else. No SO_REUSEADDR: on Linux it lets a second process
     * bind the same UDP port without an error and take the packets meant for the first.
     *
     * @param service what listens there, for the message ("reflector", "STAMP reflector", "SIP responder")
     */
    public static DatagramChannel bind(InetSocketAddress address, String service) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(address);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind " + service + " to udp " + address + ": " + e.getMessage(), e);
        }
        return ch;
    }
}
