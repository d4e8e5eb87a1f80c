package io.callready.agent.probe.rtp;

import io.callready.agent.probe.timing.Pacer;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one burst over a connected channel: a sender thread paces the packets on an absolute schedule, a
 * receiver thread timestamps and records the replies, then the calling thread lingers for late replies and
 * asks the reflector for its counters. Closing the channel ends the receiver.
 */
final class BurstSession {
    static final Duration MIN_LINGER = Duration.ofSeconds(1);
    static final Duration MAX_LINGER = Duration.ofSeconds(3);
    static final Duration DUPLICATE_GRACE = Duration.ofMillis(50);
    static final int STATS_ATTEMPTS = 3;
    static final Duration STATS_WAIT = Duration.ofMillis(300);

    private static final int RECEIVE_BUFFER_BYTES = 2048;

    private final DatagramChannel channel;
    private final RtpStream stream;
    private final BurstLog log;
    private final int payloadSize;
    private final int replyDscp;
    private final long ptimeNanos;
    private final Consumer<String> progress;
    private final CompletableFuture<ProbePacket.SessionStats> stats = new CompletableFuture<>();

    private volatile boolean portUnreachable;
    private volatile String sendError;
    private volatile String receiveError;
    private volatile long lingerNanos;
    private volatile long scheduleOriginNanos;
    private volatile long senderCpuNanos = -1;
    private volatile long receiverCpuNanos = -1;

    BurstSession(DatagramChannel channel, RtpStream stream, int packets, int payloadSize, int replyDscp, int ptimeMs,
                 Consumer<String> progress) {
        this.channel = channel;
        this.stream = stream;
        this.log = new BurstLog(packets);
        this.payloadSize = payloadSize;
        this.replyDscp = replyDscp;
        this.ptimeNanos = TimeUnit.MILLISECONDS.toNanos(ptimeMs);
        this.progress = progress;
    }

    /**
     * What the session saw.
     *
     * @param stats           the reflector's counters, or null if no stats reply came
     * @param portUnreachable an ICMP port unreachable was reported on the socket
     * @param sendError       the last send failure, or null
     * @param lingerMs        how long the session waited for late replies after the last packet
     * @param self            the probe's own timing and cost
     */
    record Outcome(BurstLog log, ProbePacket.SessionStats stats, boolean portUnreachable, String sendError,
                   String receiveError, long lingerMs, SelfCheck self) {
    }

    /** @throws InterruptedException if the calling thread is interrupted; the session is torn down first */
    Outcome run() throws InterruptedException {
        Thread receiver = Thread.ofPlatform().name("rtp-burst-receive").daemon(true).start(this::receiveLoop);
        Thread sender = Thread.ofPlatform().name("rtp-burst-send").daemon(true).start(this::sendLoop);
        try {
            sender.join();
            progress.accept("waiting for late replies");
            linger();
            if (log.answeredCount() > 0) {
                progress.accept("asking the reflector for its counters");
                requestStats();
            }
        } finally {
            sender.interrupt();
            closeQuietly();
            sender.join();
            receiver.join();
        }
        return new Outcome(log, stats.getNow(null), portUnreachable, sendError, receiveError,
                TimeUnit.NANOSECONDS.toMillis(lingerNanos),
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
        ByteBuffer out = ByteBuffer.allocateDirect(RtpHeader.FIXED_LENGTH + payloadSize);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        scheduleOriginNanos = origin;
        for (int i = 0; i < log.packets; i++) {
            out.clear();
            ProbePacket.encodeRequest(out, stream.header(i), payloadSize, replyDscp);
            out.flip();
            if (!pacer.awaitUntil(origin + i * ptimeNanos)) {
                return;
            }
            long t1 = System.nanoTime();
            log.markSent(i, t1);
            try {
                channel.write(out);
            } catch (PortUnreachableException e) {
                // Linux reports an earlier ICMP error on this send and drops this datagram
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
        ByteBuffer in = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
        while (channel.isOpen()) {
            in.clear();
            long t4;
            try {
                channel.read(in);
                t4 = System.nanoTime();
            } catch (PortUnreachableException e) {
                portUnreachable = true;
                continue;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                receiveError = e.toString();
                return;
            }
            in.flip();
            try {
                handle(in, t4);
            } catch (RuntimeException e) {
                receiveError = e.toString();
            }
        }
    }

    private void handle(ByteBuffer datagram, long t4) {
        ProbePacket.Decoded decoded;
        try {
            decoded = ProbePacket.decode(datagram);
        } catch (MalformedPacketException e) {
            return;
        }
        if (decoded.header().ssrc() != stream.ssrc()) {
            return;
        }
        switch (decoded) {
            case ProbePacket.Reply reply -> {
                int index = stream.indexOf(reply.header().sequence());
                if (index < log.packets) {
                    log.recordReply(index, t4, reply);
                }
            }
            case ProbePacket.StatsReply statsReply -> stats.complete(statsReply.stats());
            case ProbePacket.Request ignored -> {
            }
            case ProbePacket.StatsRequest ignored -> {
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
        lingerNanos = System.nanoTime() - start;
    }

    private void requestStats() throws InterruptedException {
        ByteBuffer out = ByteBuffer.allocate(RtpHeader.FIXED_LENGTH + ProbePacket.MIN_PAYLOAD);
        // the sequence number after the last request: same stream, never mistaken for one of its packets
        RtpHeader header = stream.header(log.packets);
        for (int attempt = 0; attempt < STATS_ATTEMPTS; attempt++) {
            out.clear();
            ProbePacket.encodeStatsRequest(out, header);
            out.flip();
            try {
                channel.write(out);
            } catch (IOException e) {
                return;
            }
            try {
                stats.get(STATS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // ask again
            } catch (ExecutionException e) {
                return;
            }
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that will not close
        }
    }
}
