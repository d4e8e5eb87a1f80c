package io.callready.agent.probe.rtp;

import io.callready.agent.probe.ProbeSockets;
import io.callready.agent.quality.JitterBuffer;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression for negative RTT on loopback (issue 10): 200 short bursts against a real reflector, four at a time, on
 * a machine kept busy by spinning threads so the probe's thread is preempted at arbitrary points, as on a loaded
 * agent host. Before the fix T4 was the kernel's wall-clock stamp moved onto the monotonic scale with two clock
 * reads in a row; a preemption between them moved T4 earlier, and about one burst in a hundred here had an RTT
 * below zero. Every per-packet RTT and every burst's rtt_min_ms must be ≥ 0.
 */
class RttNeverNegativeIT {
    private static final int BURSTS = 200;
    private static final int PARALLEL = 4;
    private static final int PACKETS = 40;
    private static final int PTIME_MS = 10;

    @Test
    void noBurstOnLoopbackHasANegativeRtt() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon(true).start(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        ConcurrentLinkedQueue<String> negative = new ConcurrentLinkedQueue<>();
        long samples;
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            String target = "127.0.0.1:" + reflector.localAddress().getPort();
            List<Future<Integer>> runs = new ArrayList<>();
            for (int b = 0; b < BURSTS; b++) {
                int burst = b;
                runs.add(pool.submit(() -> burst(target, burst, negative)));
            }
            samples = 0;
            for (Future<Integer> f : runs) {
                samples += f.get();
            }
        } finally {
            stop.set(true);
            for (Thread t : spinners) {
                t.join();
            }
        }
        // the claim is that no RTT is negative; the spinners make replies later than the linger, so only most are timed
        assertThat(samples).as("replies timed").isGreaterThan(BURSTS * PACKETS / 2L);
        assertThat(negative).as("negative RTTs among %d replies", samples).isEmpty();
    }

    /** Runs one burst; records every negative RTT with its stamps; returns how many replies were timed. */
    private static int burst(String target, int burst, ConcurrentLinkedQueue<String> negative) throws Exception {
        try (TimestampedUdpSocket socket = ProbeSockets.connect("reflector", target, 46, 0)) {
            BurstSession session = new BurstSession(socket, RtpStream.random(Codec.PCMU, PTIME_MS), PACKETS,
                    ProbePacket.payloadSize(Codec.PCMU, PTIME_MS), 46, PTIME_MS, progress -> { });
            BurstSession.Outcome outcome = session.run();
            BurstLog log = outcome.log();
            for (int k = 0; k < log.arrivals; k++) {
                int i = log.arrivalOrder[k];
                long t1 = log.sentNanos.get(i);
                long t4 = log.replyNanos[i];
                long rtt = t4 - t1 - log.holdNanos[i];
                if (rtt < 0) {
                    negative.add(String.format(Locale.ROOT, "burst %d packet %d: T1 %d T4 %d (T4−T1 %d ns) T2 %d hold %d ns → RTT %d ns",
                            burst, i, t1, t4, t4 - t1, log.reflectorReceiveNanos[i], log.holdNanos[i], rtt));
                }
            }
            if (log.arrivals > 0) {
                double min = BurstAnalysis.analyse(log, outcome.stats(), Codec.PCMU, PTIME_MS,
                        JitterBuffer.of(JitterBufferSpec.DEFAULT, PTIME_MS)).metrics().get("rtt_min_ms");
                if (min < 0) {
                    negative.add("burst " + burst + ": rtt_min_ms " + min);
                }
            }
            return log.arrivals;
        }
    }
}
