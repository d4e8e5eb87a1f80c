package io.callready.agent.probe.nat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The site router's own WAN address, asked with NAT-PMP (RFC 6886 §3.2: opcode 0 to the default gateway, UDP 5351).
 * A router whose WAN address is not the public address STUN sees has another NAT in front of it.
 *
 * @param resultCode 0 success; 3 "network failure", which routers (miniupnpd among them) answer when their WAN
 *                   address is private or shared and so cannot be offered as a public one
 * @param external   the router's WAN address, on success
 */
public record RouterWanAddress(InetAddress gateway, int resultCode, Optional<InetAddress> external) {
    static final int NAT_PMP_PORT = 5351;
    static final int NETWORK_FAILURE = 3;
    private static final long[] WAITS_MS = {250, 500};

    /** Asks the default gateway; empty when there is none or it does not speak NAT-PMP. */
    public static Optional<RouterWanAddress> query() {
        try {
            Optional<InetAddress> gateway = defaultGateway(Files.readString(Path.of("/proc/net/route")));
            return gateway.isEmpty() ? Optional.empty() : ask(gateway.get());
        } catch (IOException e) {
            return Optional.empty(); // no routing table to read or no socket: the signal is simply absent
        }
    }

    static Optional<RouterWanAddress> ask(InetAddress gateway) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] request = {0, 0};
            DatagramPacket in = new DatagramPacket(new byte[16], 16);
            for (long waitMs : WAITS_MS) {
                s.send(new DatagramPacket(request, request.length, new InetSocketAddress(gateway, NAT_PMP_PORT)));
                s.setSoTimeout((int) waitMs);
                try {
                    s.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (in.getAddress().equals(gateway)) {
                    Optional<RouterWanAddress> answer = parse(gateway, in.getData(), in.getLength());
                    if (answer.isPresent()) return answer;
                }
            }
            return Optional.empty();
        }
    }

    /** RFC 6886 §3.2: version 0, opcode 128, result code, seconds since start of epoch, external IPv4 address. */
    static Optional<RouterWanAddress> parse(InetAddress gateway, byte[] data, int length) throws UnknownHostException {
        if (length < 8 || data[0] != 0 || (data[1] & 0xFF) != 128) return Optional.empty();
        int result = ByteBuffer.wrap(data, 2, 2).getShort() & 0xFFFF;
        if (result != 0) return Optional.of(new RouterWanAddress(gateway, result, Optional.empty()));
        if (length < 12) return Optional.empty();
        byte[] ip = java.util.Arrays.copyOfRange(data, 8, 12);
        return Optional.of(new RouterWanAddress(gateway, 0, Optional.of(InetAddress.getByAddress(ip))));
    }

    /** The gateway of the default route in /proc/net/route (hex, host byte order: little-endian here). */
    static Optional<InetAddress> defaultGateway(String procNetRoute) throws UnknownHostException {
        for (String line : procNetRoute.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[1].equals("00000000") || !f[2].matches("[0-9A-Fa-f]{8}")) continue;
            long v = Long.parseLong(f[2], 16);
            if (v == 0 || (Integer.parseInt(f[3], 16) & 0x2) == 0) continue; // RTF_GATEWAY
            byte[] ip = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
            InetAddress a = InetAddress.getByAddress(ip);
            if (a instanceof Inet4Address) return Optional.of(a);
        }
        return Optional.empty();
    }
}
