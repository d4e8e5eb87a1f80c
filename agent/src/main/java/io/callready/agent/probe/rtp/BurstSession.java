package io.callready.agent.probe.rtp;

import io.callready.agent.probe.timing.PacedExchange;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one burst over a connected socket with a {@link PacedExchange}: RTP requests on an absolute schedule,
 * replies matched to their request by sequence number, then late replies and the reflector's counters.
 */
final class BurstSession implements PacedExchange.Datagrams {
    static final int STATS_ATTEMPTS = 3;
    static final Duration STATS_WAIT = Duration.ofMillis(300);

    private final TimestampedUdpSocket socket;
    private final RtpStream stream;
    private final BurstLog log;
    private final int payloadSize;
    private final int replyDscp;
    private final long ptimeNanos;
    private final Consumer<String> progress;
    private final CompletableFuture<ProbePacket.SessionStats> stats = new CompletableFuture<>();
    private long lingerNanos;

    BurstSession(TimestampedUdpSocket socket, RtpStream stream, int packets, int payloadSize, int replyDscp, int ptimeMs,
                 Consumer<String> progress) {
        this.socket = socket;
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
     * @param clockStepReason why the burst's timings cannot be used (the wall clock was stepped), or null
     */
    record Outcome(BurstLog log, ProbePacket.SessionStats stats, boolean portUnreachable, String sendError,
                   String receiveError, long lingerMs, SelfCheck self, String clockStepReason) {
    }

    /** @throws InterruptedException if the calling thread is interrupted; the session is torn down first */
    Outcome run() throws InterruptedException {
        var exchange = new PacedExchange("rtp-burst", socket, log.packets, ptimeNanos,
                RtpHeader.FIXED_LENGTH + payloadSize, this);
        PacedExchange.Outcome o = exchange.run(() -> {
            progress.accept("waiting for late replies");
            lingerNanos = LateReplies.await(log);
            if (log.answeredCount() > 0) {
                progress.accept("asking the reflector for its counters");
                requestStats();
            }
        });
        return new Outcome(log, stats.getNow(null), o.portUnreachable(), o.sendError(), o.receiveError(),
                TimeUnit.NANOSECONDS.toMillis(lingerNanos),
                SelfCheck.of(o.pacingErrorsNanos(), o.cpuNanos()), o.clockStepReason());
    }

    @Override
    public void encode(int index, long t1Nanos, ByteBuffer out) {
        ProbePacket.encodeRequest(out, stream.header(index), payloadSize, replyDscp);
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
                    log.replyArrivedWithTos(tos);
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

    private void requestStats() throws InterruptedException {
        ByteBuffer out = ByteBuffer.allocateDirect(RtpHeader.FIXED_LENGTH + ProbePacket.MIN_PAYLOAD);
        // the sequence number after the last request: same stream, never mistaken for one of its packets
        RtpHeader header = stream.header(log.packets);
        for (int attempt = 0; attempt < STATS_ATTEMPTS; attempt++) {
            out.clear();
            ProbePacket.encodeStatsRequest(out, header);
            out.flip();
            try {
                socket.send(out);
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
}
