package io.callready.bench;

import io.callready.agent.probe.timing.PacedExchange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor for a burst, with no probe logic at all: one thread parks until each 20 ms deadline and
 * writes a 172-byte datagram, one thread receives and echoes it, one thread receives the echo. Their thread CPU
 * times are what the syscalls and wake-ups alone cost on loopback, to set the probe's figures against.
 */
final class SyscallFloor {
    record Cost(double senderMs, double echoMs, double sinkMs) {
    }

    private SyscallFloor() {
    }

    static Cost measure(int packets, long stepNanos) throws IOException, InterruptedException {
        try (DatagramChannel echo = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            sender.connect(echo.getLocalAddress());
            long[] cpu = new long[3];
            Thread echoThread = Thread.ofPlatform().start(() -> cpu[1] = loop(echo, packets, true));
            Thread sinkThread = Thread.ofPlatform().start(() -> cpu[2] = loop(sender, packets, false));
            Thread sendThread = Thread.ofPlatform().start(() -> {
                ByteBuffer out = ByteBuffer.allocateDirect(172);
                long origin = System.nanoTime();
                for (int i = 0; i < packets; i++) {
                    long wait;
                    while ((wait = origin + i * stepNanos - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.clear();
                    try {
                        sender.write(out);
                    } catch (IOException e) {
                        break;
                    }
                }
                cpu[0] = PacedExchange.currentThreadCpuNanos();
            });
            sendThread.join();
            echoThread.join(TimeUnit.SECONDS.toMillis(5));
            sinkThread.join(TimeUnit.SECONDS.toMillis(5));
            return new Cost(cpu[0] / 1e6, cpu[1] / 1e6, cpu[2] / 1e6);
        }
    }

    /** Receives {@code packets} datagrams, echoing each when asked; returns the thread's CPU time. */
    private static long loop(DatagramChannel ch, int packets, boolean echo) {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        try {
            for (int i = 0; i < packets; i++) {
                in.clear();
                var from = ch.receive(in);
                if (echo) {
                    ch.send(in.flip(), from);
                }
            }
        } catch (IOException e) {
            // the channel closed before every packet came back: the figure covers what did
        }
        return PacedExchange.currentThreadCpuNanos();
    }
}
