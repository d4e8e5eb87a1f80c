package io.callready.agent.probe;

import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.HostPort;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.logging.Logger;

/** Opens the UDP sockets the stream probes (RTP, STAMP, echo) send from. */
public final class ProbeSockets {

    /** The target cannot be measured (unresolvable, or the connect is refused): a {@code failed} result, not an error. */
    public static final class TargetUnreachable extends Exception {
        TargetUnreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** What a stream probe does with its connected socket. */
    public interface Measurement {
        ProbeResult measure(TimestampedUdpSocket socket) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(ProbeSockets.class.getName());

    private ProbeSockets() {
    }

    /**
     * The frame the stream probes (RTP burst, STAMP, UDP echo) share: connects to {@code hostPort}, runs the
     * measurement and closes the socket; an unreachable target is {@code failed}, a local socket problem, an
     * interrupt or a bug is {@code error}, so the probe never throws.
     */
    public static ProbeResult measure(ProbeRun run, String role, String hostPort, int dscp, int sourcePort,
                                      Map<String, String> labels, Measurement measurement) {
        try (TimestampedUdpSocket socket = connect(role, hostPort, dscp, sourcePort)) {
            return measurement.measure(socket);
        } catch (TargetUnreachable e) {
            return run.finish(ResultStatus.FAILED, e.getMessage(), Map.of(), labels, null);
        } catch (IOException e) {
            return run.finish(ResultStatus.ERROR, "cannot open a UDP socket for " + hostPort + ": " + e.getMessage(), Map.of(), labels, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return run.finish(ResultStatus.ERROR, "interrupted before the " + role + " measurement finished", Map.of(), labels, null);
        } catch (RuntimeException e) {
            return run.finish(ResultStatus.ERROR, "probe failed unexpectedly: " + e, Map.of(), labels, null);
        }
    }

    /**
     * A DSCP-marked UDP socket with kernel arrival times, from local port {@code sourcePort} (0 = any), connected
     * to {@code hostPort} ({@code host:port}).
     *
     * @param role what the target is, for the messages ("reflector", "echo")
     * @throws TargetUnreachable the host does not resolve or the connect fails
     * @throws IOException       no local socket could be opened or bound
     */
    public static TimestampedUdpSocket connect(String role, String hostPort, int dscp, int sourcePort) throws TargetUnreachable, IOException {
        HostPort target = HostPort.parse(hostPort);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new TargetUnreachable("cannot resolve " + role + " host '" + target.host() + "'");
        }
        TimestampedUdpSocket socket = TimestampedUdpSocket.open(address.getAddress());
        try {
            if (sourcePort != 0) {
                socket.bindLocalPort(sourcePort);
            }
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot bind local udp port " + sourcePort + ": " + e.getMessage(), e);
        }
        if (!socket.setTos(dscp << 2)) {
            LOG.warning("cannot mark packets with DSCP " + dscp + " (TOS " + (dscp << 2) + "); measuring unmarked");
        }
        try {
            socket.connect(address);
        } catch (IOException e) {
            socket.close();
            throw new TargetUnreachable("cannot reach " + role + " " + hostPort + ": " + e.getMessage());
        }
        return socket;
    }
}
