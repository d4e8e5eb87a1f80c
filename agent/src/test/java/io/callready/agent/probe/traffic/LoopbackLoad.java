package io.callready.agent.probe.traffic;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Known traffic on {@code lo}: UDP datagrams of a fixed size to a socket of our own that drains them. Counts the
 * datagrams it sent; each one adds payload + 28 (IPv4 + UDP) octets to lo's counters (measured: lo counts no link header).
 */
final class LoopbackLoad implements AutoCloseable {
    static final int PAYLOAD = 1200;
    /** IPv4 20 + UDP 8. */
    static final int OVERHEAD = 28;

    private final DatagramChannel sink;
    private final DatagramChannel source;
    private final Thread drain;
    private final AtomicLong sent = new AtomicLong();

    LoopbackLoad() throws IOException {
        sink = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        source = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        source.connect(sink.getLocalAddress());
        drain = Thread.ofPlatform().daemon().name("crtr-drain").start(() -> {
            ByteBuffer b = ByteBuffer.allocate(2048);
            while (sink.isOpen()) {
                try {
                    b.clear();
                    sink.receive(b);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Sends {@code datagrams} paced over about {@code millis} and returns the octets lo counted for them (each direction). */
    long send(int datagrams, long millis) throws IOException, InterruptedException {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
        long start = System.nanoTime();
        for (int i = 0; i < datagrams; i++) {
            payload.clear();
            source.write(payload);
            sent.incrementAndGet();
            long due = start + millis * 1_000_000L * (i + 1) / datagrams;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }
        return (long) datagrams * (PAYLOAD + OVERHEAD);
    }

    @Override
    public void close() throws IOException {
        source.close();
        sink.close();
        drain.interrupt();
    }
}
