package io.callready.agent.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Forwards UDP between one client and a server from its own unmarked sockets, as a router that clears DSCP does. */
final class BleachingUdpRelay implements AutoCloseable {
    private final DatagramChannel front;
    private final DatagramChannel back;
    private volatile SocketAddress client;
    private final Thread up;
    private final Thread down;

    BleachingUdpRelay(InetSocketAddress server) throws IOException {
        front = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        back = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)).connect(server);
        up = Thread.ofPlatform().daemon().start(() -> pump(true));
        down = Thread.ofPlatform().daemon().start(() -> pump(false));
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    private void pump(boolean upstream) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        try {
            while (true) {
                buf.clear();
                if (upstream) {
                    client = front.receive(buf);
                    buf.flip();
                    back.write(buf);
                } else {
                    back.read(buf);
                    buf.flip();
                    if (client != null) front.send(buf, client);
                }
            }
        } catch (IOException closed) {
            // the test closed the relay
        }
    }

    @Override
    public void close() throws Exception {
        front.close();
        back.close();
        up.join(1000);
        down.join(1000);
    }
}
