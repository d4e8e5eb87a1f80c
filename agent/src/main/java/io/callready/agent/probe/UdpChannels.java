package io.callready.agent.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.logging.Logger;

/** Opens the UDP sockets the stream probes send from. */
public final class UdpChannels {
    private static final Logger LOG = Logger.getLogger(UdpChannels.class.getName());

    private UdpChannels() {
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
