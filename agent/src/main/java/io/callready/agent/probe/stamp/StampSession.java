package io.callready.agent.probe.stamp;

import io.callready.agent.probe.rtp.BurstLog;
import io.callready.agent.probe.rtp.LateReplies;
import io.callready.agent.probe.rtp.SelfCheck;
import io.callready.agent.probe.timing.PacedExchange;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.NtpTimestamp;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;

import java.nio.ByteBuffer;

/**
 * One STAMP session-sender run over a connected socket with a {@link PacedExchange}: test packets numbered
 * 0, 1, 2 … on an absolute schedule, the reflected packets (T4) filed in a {@link BurstLog} like RTP replies:
 * hold = T3 − T2 from the reflector's timestamps, reply index = the reflector's own sequence + 1 when it is
 * stateful, the sender's + 1 when it only copies it. A reply counts only when it echoes the send timestamp of the
 * packet its sender sequence names: a late reply to an earlier session from the same source port carries the same
 * numbers but another T1.
 */
final class StampSession implements PacedExchange.Datagrams {
    private final TimestampedUdpSocket socket;
    private final BurstLog log;
    private final long ptimeNanos;
    private final StampReflectorMode mode;
    private volatile long malformedReplies;
    private volatile long unmatchedReplies;
    private long lingerNanos;

    StampSession(TimestampedUdpSocket socket, int packets, long ptimeNanos, StampReflectorMode mode) {
        this.socket = socket;
        this.log = new BurstLog(packets);
        this.ptimeNanos = ptimeNanos;
        this.mode = mode;
    }

    /**
     * @param unmatchedReplies well-formed replies that do not echo a packet of this session (an earlier session's, on
     *                         the same source port) and were ignored
     * @param clockStepReason  why the session's timings cannot be used (the wall clock was stepped), or null
     */
    record Outcome(BurstLog log, boolean portUnreachable, String sendError, long malformedReplies, long unmatchedReplies,
                   long lingerMs, SelfCheck self, String clockStepReason) {
    }

    Outcome run() throws InterruptedException {
        PacedExchange.Outcome o = new PacedExchange("stamp", socket, log.packets, ptimeNanos, StampSenderPacket.LENGTH, this)
                .run(() -> lingerNanos = LateReplies.await(log));
        return new Outcome(log, o.portUnreachable(), o.sendError(), malformedReplies, unmatchedReplies, lingerNanos / 1_000_000,
                SelfCheck.of(o.pacingErrorsNanos(), o.cpuNanos()), o.clockStepReason());
    }

    /** What the session has filed so far. */
    BurstLog log() {
        return log;
    }

    @Override
    public void encode(int index, long t1Nanos, ByteBuffer out) {
        new StampSenderPacket(index, NtpTimestamp.ofEpochNanos(t1Nanos), ErrorEstimate.UNSYNCED_MILLISECOND).encode(out);
    }

    @Override
    public void sent(int index, long t1Nanos) {
        log.markSent(index, t1Nanos);
    }

    @Override
    public void notSent(int index) {
        log.markSent(index, BurstLog.NOT_SENT);
    }

    @Override
    public void received(ByteBuffer datagram, long t4, int tos) {
        try {
            StampReflectorPacket reply = StampReflectorPacket.decode(datagram);
            long index = reply.senderSequence();
            if (index >= log.packets) {
                malformedReplies++;
                return;
            }
            if (!log.wasSent((int) index) || !reply.senderTimestamp().equals(NtpTimestamp.ofEpochNanos(log.sentNanos((int) index)))) {
                // a reply pairs with the packet whose send time it echoes, never with another that has its number
                unmatchedReplies++;
                return;
            }
            long t2 = reply.receiveTimestamp().toEpochNanos();
            long hold = reply.transmitTimestamp().toEpochNanos() - t2;
            long replyIndex = (mode == StampReflectorMode.STATEFUL ? reply.sequence() : reply.senderSequence()) + 1;
            log.replyArrivedWithTos(tos);
            log.recordReply((int) index, t4, t2, hold, replyIndex, ProbePacket.TOS_UNKNOWN);
        } catch (MalformedPacketException | RuntimeException e) {
            malformedReplies++;
        }
    }
}
