package io.callready.agent.lab.busyhour;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The lab's impairment relay for quality dips that have nothing to do with load (a flaky Wi-Fi or ISP): a UDP
 * forwarder in front of the reflector that, in bursts chosen by a seeded coin (one in three), drops every
 * {@value #DROP_EVERY}th probe request on the way up. A burst starts after a gap of {@value #BURST_GAP_MS} ms
 * without requests. Replies and stats pass untouched. Each dip is logged, so the test knows which bursts dipped.
 *
 * <p>usage: {@code LossRelayMain LISTEN-PORT REFLECTOR-HOST:PORT SEED}
 */
public final class LossRelayMain {
    static final String READY = "loss relay forwarding";
    static final int DROP_EVERY = 10;
    private static final long BURST_GAP_MS = 500;
    private static volatile SocketAddress agent;

    private LossRelayMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        String[] reflector = args[1].split(":");
        SplittableRandom coin = new SplittableRandom(Long.parseLong(args[2]));
        try (DatagramChannel front = DatagramChannel.open().bind(new InetSocketAddress("0.0.0.0", port));
             DatagramChannel back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))
                     .connect(new InetSocketAddress(reflector[0], Integer.parseInt(reflector[1])))) {
            Thread down = Thread.ofPlatform().daemon(true).name("relay-down").start(() -> relayDown(front, back));
            System.out.println(READY + " on udp " + port + " to " + args[1]);
            System.out.flush();
            ByteBuffer buf = ByteBuffer.allocate(2048);
            long lastRequestMs = Long.MIN_VALUE / 2;
            boolean dipping = false;
            int inBurst = 0;
            int burst = 0;
            while (down.isAlive()) {
                buf.clear();
                agent = front.receive(buf);
                buf.flip();
                if (isRequest(buf)) {
                    long now = System.currentTimeMillis();
                    if (now - lastRequestMs > BURST_GAP_MS) {
                        burst++;
                        inBurst = 0;
                        dipping = coin.nextInt(3) == 0;
                        if (dipping) {
                            System.out.println("dip in burst " + burst + " at " + Instant.ofEpochMilli(now));
                            System.out.flush();
                        }
                    }
                    lastRequestMs = now;
                    if (dipping && ++inBurst % DROP_EVERY == 0) {
                        continue;
                    }
                }
                back.write(buf);
            }
        }
    }

    private static void relayDown(DatagramChannel front, DatagramChannel back) {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                back.read(buf);
                buf.flip();
                front.send(buf, agent);
            }
        } catch (IOException closed) {
            // relay closed
        }
    }

    private static boolean isRequest(ByteBuffer packet) {
        try {
            return ProbePacket.decode(packet.duplicate()) instanceof ProbePacket.Request;
        } catch (MalformedPacketException e) {
            return false;
        }
    }
}
