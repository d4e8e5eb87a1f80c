package io.callready.bench;

import io.callready.agent.probe.timing.PacedExchange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor for a burst, with no probe logic at all: one thread parks until each 20 ms deadline and
 * writes a 172-byte datagram (the replies wait in its socket, as they do for the probe), one thread receives and
 * echoes each datagram. Their thread CPU times are what the wake-ups and syscalls alone cost on loopback, to set
 * the probe's figures against; how late the bare sender's parks wake is the machine's wake-up spread, which
 * bounds the pacing error of any sender that does not spin.
 */
final class SyscallFloor {
    /**
     * @param wakeLateP50Ms median of how late the bare sender woke after its deadline
     * @param wakeLateP99Ms 99th percentile of the same
     */
    record Cost(double senderMs, double echoMs, double wakeLateP50Ms, double wakeLateP99Ms) {
    }

    private SyscallFloor() {
    }

    static Cost measure(int packets, long stepNanos) throws IOException, InterruptedException {
        try (DatagramChannel echo = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            sender.connect(echo.getLocalAddress());
            sender.configureBlocking(false);
            long[] cpu = new long[2];
            long[] lateNanos = new long[packets];
            Thread echoThread = Thread.ofPlatform().start(() -> cpu[1] = echo(echo, packets));
            Thread sendThread = Thread.ofPlatform().start(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(172);
                ByteBuffer in = ByteBuffer.allocateDirect(2048);
                long origin = System.nanoTime();
                try {
                    for (int i = 0; i < packets; i++) {
                        long wait;
                        while ((wait = origin + i * stepNanos - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        lateNanos[i] = -wait;
                        out.clear();
                        sender.write(out);
                        do {
                            in.clear();
                        } while (sender.read(in) > 0);
                    }
                } catch (IOException e) {
                    // the figure covers what was sent
                }
                cpu[0] = PacedExchange.currentThreadCpuNanos();
            });
            sendThread.join();
            echoThread.join(TimeUnit.SECONDS.toMillis(5));
            Arrays.sort(lateNanos);
            return new Cost(cpu[0] / 1e6, cpu[1] / 1e6, lateNanos[packets / 2] / 1e6, lateNanos[(int) Math.ceil(0.99 * packets) - 1] / 1e6);
        }
    }

    /** Receives and echoes {@code packets} datagrams; returns the thread's CPU time. */
    private static long echo(DatagramChannel ch, int packets) {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        try {
            for (int i = 0; i < packets; i++) {
                in.clear();
                var from = ch.receive(in);
                ch.send(in.flip(), from);
            }
        } catch (IOException e) {
            // the channel closed before every packet came back: the figure covers what did
        }
        return PacedExchange.currentThreadCpuNanos();
    }
}
