package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A UDP relay between the agent and a reflector that drops chosen probe requests (by their running count,
 * from 1) on the way up and chosen replies on the way down. Stats packets always pass.
 */
final class LossyUdpRelay implements AutoCloseable {
    private final DatagramChannel front;
    private final DatagramChannel back;
    private final IntPredicate dropRequest;
    private final IntPredicate dropReply;
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger replyCount = new AtomicInteger();
    private final Thread up;
    private final Thread down;
    private final List<ProbePacket.Request> requests = new CopyOnWriteArrayList<>();
    private volatile SocketAddress client;
    private volatile boolean asOlderReflector;
    private volatile boolean withoutKernelT3;
    private volatile IntPredicate dropArrivalsReply = n -> false;
    private final AtomicInteger arrivalsReplyCount = new AtomicInteger();

    LossyUdpRelay(InetSocketAddress reflector, IntPredicate dropRequest, IntPredicate dropReply) throws IOException {
        this.front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(reflector);
        this.dropRequest = dropRequest;
        this.dropReply = dropReply;
        this.up = Thread.ofPlatform().daemon(true).name("relay-up").start(this::relayUp);
        this.down = Thread.ofPlatform().daemon(true).name("relay-down").start(this::relayDown);
    }

    /**
     * Makes the reflector behind look like one that predates the arrival record: arrivals requests are dropped and
     * stats replies cut to their original 24-byte payload.
     */
    LossyUdpRelay asOlderReflector() {
        asOlderReflector = true;
        return this;
    }

    /**
     * Makes the reflector behind answer like one that predates kernel T3: arrivals requests reach it asking for the
     * old page format (byte 3 of the payload cleared), so it answers pages of up to 96 records without T3.
     */
    LossyUdpRelay asReflectorWithoutKernelT3() {
        withoutKernelT3 = true;
        return this;
    }

    /** Drops the n-th arrivals reply (from 1) on the way back when {@code drop} says so. */
    LossyUdpRelay droppingArrivalsReplies(IntPredicate drop) {
        dropArrivalsReply = drop;
        return this;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    private void relayUp() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                client = front.receive(buf);
                buf.flip();
                ProbePacket.Decoded decoded = decode(buf);
                if (decoded instanceof ProbePacket.Request request) {
                    this.requests.add(request);
                    if (dropRequest.test(requestCount.incrementAndGet())) {
                        continue;
                    }
                }
                if (decoded instanceof ProbePacket.ArrivalsRequest && asOlderReflector) {
                    continue;
                }
                if (decoded instanceof ProbePacket.ArrivalsRequest && withoutKernelT3) {
                    buf.put(buf.position() + RtpHeader.FIXED_LENGTH + 3, (byte) 0);
                }
                back.write(buf);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private void relayDown() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                back.read(buf);
                buf.flip();
                ProbePacket.Decoded decoded = decode(buf);
                if (decoded instanceof ProbePacket.Reply && dropReply.test(replyCount.incrementAndGet())) {
                    continue;
                }
                if (decoded instanceof ProbePacket.ArrivalsReply && dropArrivalsReply.test(arrivalsReplyCount.incrementAndGet())) {
                    continue;
                }
                if (decoded instanceof ProbePacket.StatsReply && asOlderReflector) {
                    buf.limit(RtpHeader.FIXED_LENGTH + 24);
                }
                front.send(buf, client);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private static ProbePacket.Decoded decode(ByteBuffer packet) {
        try {
            return ProbePacket.decode(packet.duplicate());
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** Every probe request that reached the relay, in arrival order. */
    List<ProbePacket.Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws Exception {
        front.close();
        back.close();
        up.join(1000);
        down.join(1000);
    }
}
