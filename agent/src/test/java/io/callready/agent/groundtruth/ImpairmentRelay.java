package io.callready.agent.groundtruth;

import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.net.TxTimestamps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A userspace stand-in for netem between the agent and a reflector: a UDP forwarder that applies a seeded
 * {@link Scenario} to probe requests on the way up and to replies on the way down, and records for every packet
 * when it arrived and when each copy left. Both times are the kernel's ({@code SO_TIMESTAMPNS} on receive, a
 * software transmit stamp on send), the same kind of stamp the probe and the reflector use, so a late wake-up of
 * any thread here, there or in the probe moves the recorded times exactly as it moves the measured ones: what the
 * test expects is what really happened on the wire, not what was meant to happen. A copy is due at its kernel
 * arrival + its delay; one sender thread per direction parks until just before that instant and then spins.
 *
 * <p>Packets are classified from their raw bytes (RTP header, then the CallReady payload's type byte), not with
 * the production decoder. Stats and arrivals requests and replies pass straight through.
 */
final class ImpairmentRelay implements AutoCloseable {
    private static final int PAYLOAD = 12;
    private static final byte REQUEST = 1;
    private static final byte REPLY = 2;
    private static final long SPIN_NANOS = 200_000;
    private static final Duration STAMP_WAIT = Duration.ofSeconds(2);

    /**
     * One probe packet the relay saw: its kernel arrival time and the kernel departure time of each copy it
     * forwarded (wall-clock ns), and for a reply also its reply index, read from the raw bytes.
     */
    static final class Record {
        final long replyIndex;
        final long arrivalNanos;
        final Impairment impairment;
        private final List<Long> releaseNanos = new ArrayList<>();

        Record(long replyIndex, long arrivalNanos, Impairment impairment) {
            this.replyIndex = replyIndex;
            this.arrivalNanos = arrivalNanos;
            this.impairment = impairment;
        }

        /** When each forwarded copy left, earliest first. */
        synchronized List<Long> releaseNanos() {
            return releaseNanos.stream().sorted().toList();
        }

        private synchronized void released(long atNanos) {
            releaseNanos.add(atNanos);
        }
    }

    private record Pending(long dueNanos, long order, byte[] bytes, Record record) {
    }

    private final Port front;
    private final Port back;
    private final Scenario scenario;
    private final List<Record> upRecords = new ArrayList<>();
    private final List<Record> downRecords = new ArrayList<>();
    private final Direction up;
    private final Direction down;
    private final List<Thread> threads = new ArrayList<>();
    /** Wall clock − {@link System#nanoTime()}: turns a kernel stamp plus a delay into an instant to wait for. */
    private final long wallMinusMonotonicNanos = wallMinusMonotonic();
    private volatile InetSocketAddress agent;
    private volatile String unstampedArrival;

    ImpairmentRelay(InetSocketAddress reflector, Scenario scenario) throws IOException {
        this.front = new Port(TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)));
        this.back = new Port(TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0)));
        back.socket.connect(reflector);
        this.scenario = scenario;
        this.up = new Direction("up", (packet, record) -> back.send(packet, null, record));
        this.down = new Direction("down", (packet, record) -> front.send(packet, agent, record));
        threads.add(Thread.ofPlatform().daemon(true).name("relay-receive-up").start(this::receiveUp));
        threads.add(Thread.ofPlatform().daemon(true).name("relay-receive-down").start(this::receiveDown));
        threads.add(up.start());
        threads.add(down.start());
    }

    InetSocketAddress address() throws IOException {
        return front.socket.localAddress();
    }

    /** Requests in arrival order, each with the departure of every copy; read after the probe has finished. */
    List<Record> upRecords() {
        awaitStamps();
        synchronized (upRecords) {
            return List.copyOf(upRecords);
        }
    }

    /** Replies in arrival order, each with the departure of every copy; read after the probe has finished. */
    List<Record> downRecords() {
        awaitStamps();
        synchronized (downRecords) {
            return List.copyOf(downRecords);
        }
    }

    private void awaitStamps() {
        if (unstampedArrival != null) {
            throw new IllegalStateException("the kernel gave no arrival stamp for " + unstampedArrival);
        }
        long deadline = System.nanoTime() + STAMP_WAIT.toNanos();
        while (front.unstamped() + back.unstamped() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no kernel transmit stamp for " + (front.unstamped() + back.unstamped())
                        + " forwarded packets within " + STAMP_WAIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void receiveUp() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                buf.clear();
                TimestampedUdpSocket.Datagram d = front.socket.receive(buf, true);
                if (d == null) continue;
                agent = d.source();
                byte[] packet = bytes(buf);
                if (type(packet) != REQUEST) {
                    back.send(packet, null, null);
                    continue;
                }
                int seq = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
                handle(packet, arrival(d, "request " + seq), 0, upRecords, scenario.up(), up);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private void receiveDown() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        try {
            while (true) {
                buf.clear();
                TimestampedUdpSocket.Datagram d = back.socket.receive(buf, true);
                if (d == null) continue;
                byte[] packet = bytes(buf);
                if (type(packet) != REPLY) {
                    front.send(packet, agent, null);
                    continue;
                }
                long replyIndex = ByteBuffer.wrap(packet).getInt(PAYLOAD + 16) & 0xFFFF_FFFFL;
                handle(packet, arrival(d, "reply " + replyIndex), replyIndex, downRecords, scenario.down(), down);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private long arrival(TimestampedUdpSocket.Datagram d, String what) {
        if (d.realtimeNanos() < 0) {
            unstampedArrival = what;
        }
        return d.realtimeNanos();
    }

    private void handle(byte[] packet, long arrivalNanos, long replyIndex, List<Record> records,
                        List<Impairment> plan, Direction direction) {
        Record record;
        synchronized (records) {
            int k = records.size();
            record = new Record(replyIndex, arrivalNanos, k < plan.size() ? plan.get(k) : Impairment.pass(0));
            records.add(record);
        }
        Impairment imp = record.impairment;
        if (imp.drop()) {
            return;
        }
        long arrivalMonotonic = arrivalNanos - wallMinusMonotonicNanos;
        direction.schedule(arrivalMonotonic + millisToNanos(imp.delayMs()), packet, record);
        if (imp.duplicated()) {
            direction.schedule(arrivalMonotonic + millisToNanos(imp.duplicateDelayMs()), packet, record);
        }
    }

    /** Read between two monotonic reads, so the error is at most half the gap (well under a microsecond). */
    private static long wallMinusMonotonic() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
    }

    private static long millisToNanos(double ms) {
        return Math.round(ms * 1_000_000);
    }

    private static byte[] bytes(ByteBuffer buf) {
        buf.flip();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return b;
    }

    private static byte type(byte[] packet) {
        return packet.length > PAYLOAD + 3 && packet[PAYLOAD] == 'C' && packet[PAYLOAD + 1] == 'R' ? packet[PAYLOAD + 2] : 0;
    }

    /**
     * One of the relay's sockets with its kernel transmit stamps. Sends from both threads that use it go through
     * one lock, so the kernel's send numbers match the order kept here and each stamp finds the copy it belongs to.
     */
    private static final class Port {
        final TimestampedUdpSocket socket;
        private final TxTimestamps stamps;
        private final ByteBuffer out = ByteBuffer.allocateDirect(2048);
        private final Map<Long, Record> awaitingStamp = new HashMap<>();
        private long sends;

        Port(TimestampedUdpSocket socket) throws IOException {
            this.socket = socket;
            socket.setReceiveTimeout(Duration.ofMillis(200));
            this.stamps = TxTimestamps.enable(socket);
            if (stamps == null) {
                socket.close();
                throw new IOException("the kernel refused transmit timestamps on a loopback UDP socket");
            }
        }

        /** Sends {@code packet} to {@code to} (the connected peer when null); the copy of {@code record}, if any. */
        synchronized void send(byte[] packet, InetSocketAddress to, Record record) throws IOException {
            out.clear();
            out.put(packet).flip();
            socket.sendTo(out, to);
            if (record != null) awaitingStamp.put(sends, record);
            sends++;
            collectStamps();
        }

        synchronized int unstamped() {
            collectStamps();
            return awaitingStamp.size();
        }

        private void collectStamps() {
            for (TxTimestamps.Stamp s = stamps.poll(); s != null; s = stamps.poll()) {
                Record r = awaitingStamp.remove(s.sendNumber());
                if (r != null) r.released(s.realtimeNanos());
            }
        }

        void shutdown() {
            socket.shutdown();
        }

        void close() {
            socket.close();
        }
    }

    private interface Sender {
        void send(byte[] packet, Record record) throws IOException;
    }

    /** Releases one direction's packets at their due instants, in due order. */
    private static final class Direction {
        private final String name;
        private final Sender sender;
        private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
                ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
        private long scheduled;
        private volatile Thread thread;
        private volatile boolean closed;

        Direction(String name, Sender sender) {
            this.name = name;
            this.sender = sender;
        }

        Thread start() {
            thread = Thread.ofPlatform().daemon(true).name("relay-release-" + name).start(this::loop);
            return thread;
        }

        void schedule(long dueNanos, byte[] packet, Record record) {
            synchronized (queue) {
                queue.add(new Pending(dueNanos, scheduled++, packet, record));
            }
            LockSupport.unpark(thread);
        }

        private void loop() {
            while (!closed) {
                Pending next;
                synchronized (queue) {
                    next = queue.peek();
                }
                if (next == null) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                long remaining = next.dueNanos - System.nanoTime();
                if (remaining > SPIN_NANOS) {
                    LockSupport.parkNanos(remaining - SPIN_NANOS);
                    continue;
                }
                if (remaining > 0) {
                    Thread.onSpinWait();
                    continue;
                }
                synchronized (queue) {
                    if (queue.peek() != next) {
                        continue;
                    }
                    queue.poll();
                }
                try {
                    sender.send(next.bytes, next.record);
                } catch (IOException e) {
                    return;
                }
            }
        }

        void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void close() throws Exception {
        up.close();
        down.close();
        front.shutdown();
        back.shutdown();
        for (Thread t : threads) {
            t.join(1000);
        }
        front.close();
        back.close();
    }
}
