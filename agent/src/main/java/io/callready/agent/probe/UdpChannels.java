package io.callready.agent.probe;

import io.callready.wire.plan.HostPort;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.logging.Logger;

/** Opens the UDP sockets the stream probes send from. */
public final class UdpChannels {

    /** The target cannot be measured (unresolvable, or the connect is refused): a {@code failed} result, not an error. */
    public static final class TargetUnreachable extends Exception {
        TargetUnreachable(String message) {
            super(message, null, false, false);
        }
    }
    private static final Logger LOG = Logger.getLogger(UdpChannels.class.getName());

    private UdpChannels() {
    }

    /**
     * A DSCP-marked UDP socket connected to {@code hostPort} ({@code host:port}).
     *
     * @param role what the target is, for the messages ("reflector", "echo")
     * @throws TargetUnreachable the host does not resolve or the connect fails
     * @throws IOException       no local socket could be opened or bound
     */
    public static DatagramChannel connect(String role, String hostPort, int dscp, int sourcePort) throws TargetUnreachable, IOException {
        HostPort target = HostPort.parse(hostPort);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new TargetUnreachable("cannot resolve " + role + " host '" + target.host() + "'");
        }
        DatagramChannel channel = open(address, dscp, sourcePort);
        try {
            channel.connect(address);
        } catch (IOException e) {
            channel.close();
            throw new TargetUnreachable("cannot reach " + role + " " + hostPort + ": " + e.getMessage());
        }
        return channel;
    }

    /** A UDP socket for the address's family, bound to {@code sourcePort} (0 = any) and DSCP-marked when the OS allows. */
    public static DatagramChannel open(InetSocketAddress address, int dscp, int sourcePort) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            channel.bind(new InetSocketAddress(sourcePort));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind local udp port " + sourcePort + ": " + e.getMessage(), e);
        }
        try {
            channel.setOption(StandardSocketOptions.IP_TOS, dscp << 2);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.warning("cannot mark packets with DSCP " + dscp + " (IP_TOS " + (dscp << 2) + "): " + e.getMessage()
                    + "; measuring unmarked");
        }
        return channel;
    }
}
