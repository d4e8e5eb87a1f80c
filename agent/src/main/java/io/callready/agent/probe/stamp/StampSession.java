package io.callready.agent.probe.stamp;

import io.callready.agent.probe.rtp.BurstLog;
import io.callready.agent.probe.rtp.SelfCheck;
import io.callready.agent.probe.timing.Pacer;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.PreciseWallClock;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * One STAMP session-sender run over a connected channel: a timing thread sends test packets numbered 0, 1, 2 …
 * on an absolute schedule, a receiver thread timestamps the reflected packets (T4) and files them in a
 * {@link BurstLog} like RTP replies: hold = T3 − T2 from the reflector's timestamps, reply index = the reflector's
 * own sequence + 1 when it is stateful, the sender's + 1 when it only copies it.
 */
final class StampSession {
    static final Duration MIN_LINGER = Duration.ofSeconds(1);
    static final Duration MAX_LINGER = Duration.ofSeconds(3);
    static final Duration DUPLICATE_GRACE = Duration.ofMillis(50);

    private final DatagramChannel channel;
    private final BurstLog log;
    private final long ptimeNanos;
    private final StampReflectorMode mode;
    private final PreciseWallClock clock = PreciseWallClock.system();

    private volatile boolean portUnreachable;
    private volatile String sendError;
    private volatile long scheduleOriginNanos;
    private volatile long senderCpuNanos = -1;
    private volatile long receiverCpuNanos = -1;
    private volatile long malformedReplies;

    StampSession(DatagramChannel channel, int packets, long ptimeNanos, StampReflectorMode mode) {
        this.channel = channel;
        this.log = new BurstLog(packets);
        this.ptimeNanos = ptimeNanos;
        this.mode = mode;
    }

    record Outcome(BurstLog log, boolean portUnreachable, String sendError, long malformedReplies, long lingerMs, SelfCheck self) {
    }

    Outcome run() throws InterruptedException {
        Thread receiver = Thread.ofPlatform().name("stamp-receive").daemon(true).start(this::receiveLoop);
        Thread sender = Thread.ofPlatform().name("stamp-send").daemon(true).start(this::sendLoop);
        long lingerStart;
        try {
            sender.join();
            lingerStart = System.nanoTime();
            linger();
        } finally {
            sender.interrupt();
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with a socket that will not close
            }
            sender.join();
            receiver.join();
        }
        return new Outcome(log, portUnreachable, sendError, malformedReplies, (System.nanoTime() - lingerStart) / 1_000_000,
                SelfCheck.of(log, scheduleOriginNanos, ptimeNanos, senderCpuNanos, receiverCpuNanos));
    }

    private void sendLoop() {
        try {
            sendAll();
        } finally {
            senderCpuNanos = SelfCheck.currentThreadCpuNanos();
        }
    }

    private void sendAll() {
        ByteBuffer out = ByteBuffer.allocateDirect(StampSenderPacket.LENGTH);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        scheduleOriginNanos = origin;
        for (int i = 0; i < log.packets; i++) {
            if (!pacer.awaitUntil(origin + i * ptimeNanos)) {
                return;
            }
            long t1 = System.nanoTime();
            out.clear();
            new StampSenderPacket(i, clock.ntp(t1), ErrorEstimate.UNSYNCED_MILLISECOND).encode(out);
            out.flip();
            log.markSent(i, t1);
            try {
                channel.write(out);
            } catch (PortUnreachableException e) {
                log.markSent(i, BurstLog.NOT_SENT);
                portUnreachable = true;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.markSent(i, BurstLog.NOT_SENT);
                sendError = e.toString();
            }
        }
    }

    private void receiveLoop() {
        try {
            receiveAll();
        } finally {
            receiverCpuNanos = SelfCheck.currentThreadCpuNanos();
        }
    }

    private void receiveAll() {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        while (channel.isOpen()) {
            in.clear();
            long t4;
            try {
                channel.read(in);
                t4 = System.nanoTime();
            } catch (PortUnreachableException e) {
                portUnreachable = true;
                continue;
            } catch (IOException e) {
                return;
            }
            in.flip();
            try {
                StampReflectorPacket reply = StampReflectorPacket.decode(in);
                long index = reply.senderSequence();
                if (index >= log.packets) {
                    malformedReplies++;
                    continue;
                }
                long t2 = reply.receiveTimestamp().toEpochNanos();
                long hold = reply.transmitTimestamp().toEpochNanos() - t2;
                long replyIndex = (mode == StampReflectorMode.STATEFUL ? reply.sequence() : reply.senderSequence()) + 1;
                log.recordReply((int) index, t4, t2, hold, replyIndex, ProbePacket.TOS_UNKNOWN);
            } catch (MalformedPacketException | RuntimeException e) {
                malformedReplies++;
            }
        }
    }

    /**
     * Waits for late replies: max(1 s, 3 × the largest RTT seen), at most 3 s; once every packet is answered it
     * still listens {@link #DUPLICATE_GRACE} for trailing duplicates.
     */
    private void linger() throws InterruptedException {
        long start = System.nanoTime();
        int sent = log.sentCount();
        long allInAt = -1;
        while (true) {
            long now = System.nanoTime();
            if (now - start >= Math.clamp(3 * log.maxRttNanos(), MIN_LINGER.toNanos(), MAX_LINGER.toNanos())) {
                break;
            }
            if (log.answeredCount() >= sent) {
                allInAt = allInAt < 0 ? now : allInAt;
                if (now - allInAt >= DUPLICATE_GRACE.toNanos()) {
                    break;
                }
            }
            Thread.sleep(5);
        }
    }
}
