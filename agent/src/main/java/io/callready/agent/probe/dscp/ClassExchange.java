package io.callready.agent.probe.dscp;

import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.DscpMatrixSpec.Method;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import io.callready.wire.stamp.ClassOfServiceTlv;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.NtpTimestamp;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * One class's exchange over a connected socket: the request leaves marked with the class and asks for the reply
 * to be sent with it too. The CallReady reflector says in its reply which TOS byte the request arrived with; a STAMP
 * reflector says it in the Class of Service TLV (RFC 8972), and a reply without the TLV (a reflector that does not
 * implement it) or with RP = 1 (it kept another mark) leaves that direction unknown. Each reply is matched by its
 * sequence number, so a late reply to an earlier class is never taken for this one's.
 */
final class ClassExchange {
    static final int TRIES = 3;
    private static final int ECHO_PAYLOAD = 160;

    private final TimestampedUdpSocket socket;
    private final Method method;
    private final Duration timeout;
    private final long ssrc;
    private final ByteBuffer out = ByteBuffer.allocateDirect(512);
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private int sequence;

    ClassExchange(TimestampedUdpSocket socket, Method method, Duration timeout, long ssrc) {
        this.socket = socket;
        this.method = method;
        this.timeout = timeout;
        this.ssrc = ssrc;
    }

    /** @throws IOException the socket failed (an ICMP port unreachable included) */
    ClassObservation measure(int dscp) throws IOException {
        if (!socket.setTos(dscp << 2)) {
            throw new IOException("the kernel refused to mark packets with DSCP " + dscp);
        }
        socket.setReceiveTimeout(timeout);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int seq = sequence++;
            out.clear();
            encode(seq, dscp);
            socket.send(out.flip());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                in.clear();
                TimestampedUdpSocket.Datagram d = socket.receive(in, true);
                if (d == null) {
                    break;
                }
                in.limit(d.length()).position(0);
                Optional<ClassObservation> o = decode(seq, dscp, d);
                if (o.isPresent()) {
                    return o.get();
                }
            }
        }
        return ClassObservation.unanswered(dscp);
    }

    private void encode(int seq, int dscp) {
        if (method == Method.STAMP) {
            new StampSenderPacket(seq, NtpTimestamp.ofEpochNanos(EpochClock.nowNanos()), ErrorEstimate.UNSYNCED_MILLISECOND).encode(out);
            ClassOfServiceTlv.request(dscp).encode(out);
        } else {
            ProbePacket.encodeRequest(out, new RtpHeader(false, 0, seq & 0xFFFF, seq * 160L, ssrc), ECHO_PAYLOAD, dscp);
        }
    }

    private Optional<ClassObservation> decode(int seq, int dscp, TimestampedUdpSocket.Datagram d) {
        Integer down = d.tos() < 0 ? null : d.tos() >>> 2;
        try {
            if (method == Method.STAMP) {
                StampReflectorPacket reply = StampReflectorPacket.decode(in.duplicate());
                if (reply.senderSequence() != seq) {
                    return Optional.empty();
                }
                Optional<ClassOfServiceTlv> cos = ClassOfServiceTlv.find(in, StampReflectorPacket.LENGTH);
                boolean honoured = cos.isPresent() && cos.get().rp() == 0;
                return Optional.of(new ClassObservation(dscp, cos.map(ClassOfServiceTlv::dscp2).orElse(null), honoured ? down : null,
                        d.ttl(), reply.senderTtl() == StampReflectorPacket.TTL_UNKNOWN ? -1 : reply.senderTtl()));
            }
            if (ProbePacket.decode(in.duplicate()) instanceof ProbePacket.Reply reply
                    && reply.header().sequence() == (seq & 0xFFFF) && reply.header().ssrc() == ssrc) {
                Integer up = reply.tosSeen() == ProbePacket.TOS_UNKNOWN ? null : reply.tosSeen() >>> 2;
                return Optional.of(new ClassObservation(dscp, up, down, d.ttl(), -1));
            }
        } catch (MalformedPacketException | RuntimeException e) {
            // not a reply to this exchange: keep waiting for one
        }
        return Optional.empty();
    }
}
