package io.callready.agent.probe.rtp;

import io.callready.agent.probe.timing.PacedExchange;
import io.callready.wire.clock.ClockSync;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one burst over a connected socket with a {@link PacedExchange}: RTP requests on an absolute schedule,
 * replies matched to their request by sequence number, then late replies, the reflector's counters and its record
 * of every request's arrival.
 */
final class BurstSession implements PacedExchange.Datagrams {
    static final int STATS_ATTEMPTS = 3;
    static final Duration STATS_WAIT = Duration.ofMillis(300);
    /** Arrivals pages asked for at once: 16 replies of 1.2 kB fit any receive buffer. */
    static final int ARRIVAL_WINDOW = 16;

    private final TimestampedUdpSocket socket;
    private final RtpStream stream;
    private final BurstLog log;
    private final int payloadSize;
    private final int replyDscp;
    private final long ptimeNanos;
    private final Consumer<String> progress;
    private final CompletableFuture<ProbePacket.StatsReply> stats = new CompletableFuture<>();
    private final BlockingQueue<ProbePacket.ArrivalsReply> arrivalPages = new LinkedBlockingQueue<>();
    private final ForeignReplies foreign = new ForeignReplies();
    private ReflectorArrivals arrivals;
    private String arrivalsMissing;
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
     * @param arrivals        the reflector's record of every request's arrival, or null
     * @param arrivalsMissing why the stats came without that record, or null
     * @param reflectorClock  the reflector's clock status from its stats reply, or null if none came
     * @param foreignReplies  datagrams from the reflector's address that were not replies to this burst
     * @param foreignSample   what the first of them looked like, or null
     * @param portUnreachable an ICMP port unreachable was reported on the socket
     * @param sendError       the last send failure, or null
     * @param lingerMs        how long the session waited for late replies after the last packet
     * @param self            the probe's own timing and cost
     * @param clockStepReason why the burst's timings cannot be used (the wall clock was stepped), or null
     */
    record Outcome(BurstLog log, ProbePacket.SessionStats stats, ReflectorArrivals arrivals, String arrivalsMissing,
                   ClockSync reflectorClock, long foreignReplies, String foreignSample, boolean portUnreachable, String sendError,
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
                if (stats.isDone()) {
                    requestArrivals(stats.getNow(null));
                }
            }
        });
        ProbePacket.StatsReply reply = stats.getNow(null);
        return new Outcome(log, reply == null ? null : reply.stats(), arrivals, arrivalsMissing,
                reply == null ? null : reply.reflectorClock(), foreign.count(),
                foreign.describe(stream.ssrc()), o.portUnreachable(), o.sendError(), o.receiveError(),
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
    public void sentByKernel(int index, long kernelT1Nanos) {
        log.markSentByKernel(index, kernelT1Nanos);
    }

    @Override
    public void notSent(int index) {
        log.markSent(index, BurstLog.NOT_SENT);
    }

    @Override
    public void received(ByteBuffer datagram, long t4, int tos) {
        ProbePacket.Decoded decoded;
        try {
            decoded = ProbePacket.decode(datagram.duplicate());
        } catch (MalformedPacketException e) {
            foreign.add(datagram);
            return;
        }
        if (decoded.header().ssrc() != stream.ssrc()) {
            // a CallReady packet of another stream: a late reply to an earlier burst from the same port
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
            case ProbePacket.StatsReply statsReply -> stats.complete(statsReply);
            case ProbePacket.ArrivalsReply page -> arrivalPages.add(page);
            case ProbePacket.ArrivalsRequest ignored -> foreign.add(datagram);
            case ProbePacket.Request ignored -> foreign.add(datagram);
            case ProbePacket.StatsRequest ignored -> foreign.add(datagram);
        }
    }

    /**
     * Pages through the reflector's arrival record, {@value #ARRIVAL_WINDOW} pages at a time; a round in which no
     * page came counts as a failed attempt, and after {@value #STATS_ATTEMPTS} of them the record is given up.
     */
    private void requestArrivals(ProbePacket.StatsReply reply) throws InterruptedException {
        long recorded = reply.arrivalsRecorded();
        if (recorded == ProbePacket.ARRIVALS_UNKNOWN) {
            arrivalsMissing = "the reflector keeps no per-request arrival record (an older version): which unanswered "
                    + "requests reached it is estimated from the reply indices, upstream jitter from the answered requests only";
            return;
        }
        if (recorded < reply.stats().received()) {
            arrivalsMissing = "the reflector recorded only " + recorded + " of " + reply.stats().received()
                    + " arrivals: upstream loss pattern and jitter estimated from the replies";
            return;
        }
        // format 1 pages (with the reflector kernel's T3); an older reflector answers format 0 pages of up to 96
        // records from the same first arrival, of which the first 60 are taken
        int perPage = ProbePacket.ARRIVALS_PER_REPLY_WITH_T3;
        int pages = (int) ((recorded + perPage - 1) / perPage);
        ProbePacket.ArrivalsReply[] got = new ProbePacket.ArrivalsReply[pages];
        ByteBuffer out = ByteBuffer.allocateDirect(RtpHeader.FIXED_LENGTH + ProbePacket.MIN_PAYLOAD);
        RtpHeader header = stream.header(log.packets);
        int missing = pages;
        for (int failed = 0; missing > 0 && failed < STATS_ATTEMPTS; ) {
            int asked = 0;
            for (int p = 0; p < pages && asked < ARRIVAL_WINDOW; p++) {
                if (got[p] == null) {
                    out.clear();
                    ProbePacket.encodeArrivalsRequest(out, header, p * perPage, true);
                    try {
                        socket.send(out.flip());
                    } catch (IOException e) {
                        arrivalsMissing = "could not ask the reflector for its arrival record: " + e.getMessage();
                        return;
                    }
                    asked++;
                }
            }
            int before = missing;
            long deadline = System.nanoTime() + STATS_WAIT.toNanos();
            for (int left = asked; left > 0; ) {
                ProbePacket.ArrivalsReply page = arrivalPages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (page == null) {
                    break;
                }
                int p = page.firstArrival() / perPage;
                int expected = (int) Math.min(perPage, recorded - (long) p * perPage);
                int size = page.arrivals().size();
                if (page.firstArrival() % perPage == 0 && p < pages && got[p] == null
                        && (page.withKernelT3() ? size == expected : size >= expected)) {
                    got[p] = page;
                    missing--;
                    left--;
                }
            }
            if (missing == before) {
                failed++;
            }
        }
        if (missing > 0) {
            arrivalsMissing = "the reflector's arrival record did not arrive in full (" + missing + " of " + pages
                    + " pages missing): upstream loss pattern and jitter estimated from the replies";
            return;
        }
        List<ProbePacket.Arrival> records = new ArrayList<>((int) recorded);
        for (int p = 0; p < pages; p++) {
            records.addAll(got[p].arrivals().subList(0, (int) Math.min(perPage, recorded - (long) p * perPage)));
        }
        arrivals = ReflectorArrivals.of(log.packets, records, stream::indexOf);
        log.useKernelHolds(records, stream::indexOf);
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
