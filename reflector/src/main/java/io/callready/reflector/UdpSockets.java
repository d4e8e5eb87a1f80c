package io.callready.reflector;

import io.callready.wire.net.TimestampedUdpSocket;

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

    /** The same for a socket that reports each datagram's kernel arrival time, TOS and TTL. */
    public static TimestampedUdpSocket bindTimestamped(InetSocketAddress address, String service) throws IOException {
        try {
            return TimestampedUdpSocket.bind(address);
        } catch (IOException e) {
            throw new IOException("cannot bind " + service + " to udp " + address + ": " + e.getMessage(), e);
        }
    }
}
