package io.callready.agent.groundtruth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A userspace stand-in for netem between the agent and a reflector: a UDP forwarder that applies a seeded
 * {@link Scenario} to probe requests on the way up and to replies on the way down, and records for every packet
 * when it arrived and when each copy actually left. Releases happen at absolute instants (arrival + delay) from
 * one sender thread per direction, which parks until just before the instant and then spins; the recorded
 * release times are what the test's expectations are computed from, so scheduling noise cannot creep in.
 * Upstream, the delay counts from the request's slot in the agent's absolute send schedule (the earliest
 * arrival − k · ptime seen so far, + k · ptime) rather than from its arrival, so a late wake-up of the relay's
 * receiving thread does not shift it.
 *
 * <p>Packets are classified from their raw bytes (RTP header, then the CallReady payload's type byte), not with
 * the production decoder. Stats requests and replies pass straight through.
 */
final class ImpairmentRelay implements AutoCloseable {
    private static final int PAYLOAD = 12;
    private static final byte REQUEST = 1;
    private static final byte REPLY = 2;
    private static final long SPIN_NANOS = 200_000;
    private static final long PTIME_NANOS = Scenario.PTIME_MS * 1_000_000L;

    /**
     * One probe packet the relay saw: arrival time and the actual departure time of each copy it forwarded; for a
     * reply also its reply index and the reflector's hold time T3 − T2, read from the raw bytes.
     */
    static final class Record {
        final int sequence;
        final long replyIndex;
        final long holdNanos;
        final long arrivalNanos;
        final Impairment impairment;
        final List<Long> releaseNanos = new ArrayList<>();

        Record(int sequence, long replyIndex, long holdNanos, long arrivalNanos, Impairment impairment) {
            this.sequence = sequence;
            this.replyIndex = replyIndex;
            this.holdNanos = holdNanos;
            this.arrivalNanos = arrivalNanos;
            this.impairment = impairment;
        }
    }

    private record Pending(long dueNanos, long order, byte[] bytes, Record record) {
    }

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Scenario scenario;
    private final List<Record> upRecords = new ArrayList<>();
    private final List<Record> downRecords = new ArrayList<>();
    private final Direction up;
    private final Direction down;
    private final List<Thread> threads = new ArrayList<>();
    private volatile SocketAddress agent;
    private long scheduleBaseNanos;

    ImpairmentRelay(InetSocketAddress reflector, Scenario scenario) throws IOException {
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(reflector);
        this.scenario = scenario;
        this.up = new Direction("up", packet -> back.write(ByteBuffer.wrap(packet)));
        this.down = new Direction("down", packet -> front.send(ByteBuffer.wrap(packet), agent));
        threads.add(Thread.ofPlatform().daemon(true).name("relay-receive-up").start(this::receiveUp));
        threads.add(Thread.ofPlatform().daemon(true).name("relay-receive-down").start(this::receiveDown));
        threads.add(up.start());
        threads.add(down.start());
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    /** Requests in arrival order; read after the probe has finished. */
    List<Record> upRecords() {
        synchronized (upRecords) {
            return List.copyOf(upRecords);
        }
    }

    /** Replies in arrival order; read after the probe has finished. */
    List<Record> downRecords() {
        synchronized (downRecords) {
            return List.copyOf(downRecords);
        }
    }

    private void receiveUp() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                agent = front.receive(buf);
                long now = System.nanoTime();
                byte[] packet = bytes(buf);
                if (type(packet) != REQUEST) {
                    back.write(ByteBuffer.wrap(packet));
                    continue;
                }
                int seq = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
                int k;
                synchronized (upRecords) {
                    k = upRecords.size();
                }
                scheduleBaseNanos = k == 0 ? now : Math.min(scheduleBaseNanos, now - k * PTIME_NANOS);
                handle(packet, now, scheduleBaseNanos + k * PTIME_NANOS, seq, 0, 0, upRecords, scenario.up(), up);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private void receiveDown() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                back.read(buf);
                long now = System.nanoTime();
                byte[] packet = bytes(buf);
                if (type(packet) != REPLY) {
                    front.send(ByteBuffer.wrap(packet), agent);
                    continue;
                }
                int seq = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
                long hold = ByteBuffer.wrap(packet).getInt(PAYLOAD + 12) & 0xFFFF_FFFFL;
                long replyIndex = ByteBuffer.wrap(packet).getInt(PAYLOAD + 16) & 0xFFFF_FFFFL;
                handle(packet, now, now, seq, replyIndex, hold, downRecords, scenario.down(), down);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private static void handle(byte[] packet, long now, long reference, int seq, long replyIndex, long hold, List<Record> records,
                               List<Impairment> plan, Direction direction) {
        Record record;
        synchronized (records) {
            int k = records.size();
            record = new Record(seq, replyIndex, hold, now, k < plan.size() ? plan.get(k) : Impairment.pass(0));
            records.add(record);
        }
        Impairment imp = record.impairment;
        if (imp.drop()) {
            return;
        }
        direction.schedule(reference + millisToNanos(imp.delayMs()), packet, record);
        if (imp.duplicated()) {
            direction.schedule(reference + millisToNanos(imp.duplicateDelayMs()), packet, record);
        }
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

    private interface Sender {
        void send(byte[] packet) throws IOException;
    }

    /** Releases one direction's packets at their due instants, in due order, and records when each left. */
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
                long at = System.nanoTime();
                synchronized (next.record) {
                    next.record.releaseNanos.add(at);
                }
                try {
                    sender.send(next.bytes);
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
        front.close();
        back.close();
        for (Thread t : threads) {
            t.join(1000);
        }
    }
}
