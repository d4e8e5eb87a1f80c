package io.callready.wire.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A connected IPv4 UDP socket whose don't-fragment behaviour is chosen (Linux {@code IP_MTU_DISCOVER}) and which
 * can read the kernel's path MTU ({@code IP_MTU}): the JDK offers neither, so the socket is made with libc through
 * {@link Libc}, which also avoids reaching into JDK internals for a file descriptor. Linux only;
 * {@link #supported()} says whether it can be used here.
 */
public final class DontFragmentUdpSocket implements AutoCloseable {
    public static final int EAGAIN = Libc.EAGAIN;
    public static final int EMSGSIZE = Libc.EMSGSIZE;
    public static final int ECONNREFUSED = Libc.ECONNREFUSED;
    private static final int MAX_DATAGRAM_BYTES = 65_536;

    /** {@code IP_PMTUDISC_DONT}: never set DF, let the kernel fragment. {@code IP_PMTUDISC_DO}: always set DF. */
    public enum Fragmentation {
        ALLOWED(0), DONT_FRAGMENT(2);

        final int value;

        Fragmentation(int value) {
            this.value = value;
        }
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoSegment(arena);
    // allocated once: a confined arena frees nothing before close, and a probe sends and receives many times
    private final MemorySegment sendBuffer = arena.allocate(MAX_DATAGRAM_BYTES);
    private final MemorySegment receiveBuffer = arena.allocate(MAX_DATAGRAM_BYTES);
    private final MemorySegment timeval = arena.allocate(16, 8);
    private final int fd;
    private final InetSocketAddress local;

    /** Null when this platform can use the socket, else why not. */
    public static String supported() {
        return Libc.unavailable();
    }

    private DontFragmentUdpSocket(InetSocketAddress to, Fragmentation mode) throws IOException {
        if (Libc.unavailable() != null) {
            throw new IOException("native UDP socket not available: " + Libc.unavailable());
        }
        if (!(to.getAddress() instanceof Inet4Address v4)) {
            throw new IOException("the don't-fragment test is IPv4 only; " + to + " is not IPv4");
        }
        try {
            fd = (int) Libc.SOCKET.invokeExact(errno, Libc.AF_INET, Libc.SOCK_DGRAM, 0);
            check(fd, "socket");
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            value.set(ValueLayout.JAVA_INT, 0, mode.value);
            check((int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.IPPROTO_IP, Libc.IP_MTU_DISCOVER, value, 4), "setsockopt(IP_MTU_DISCOVER)");
            MemorySegment addr = sockaddr(v4, to.getPort());
            check((int) Libc.CONNECT.invokeExact(errno, fd, addr, 16), "connect");
            MemorySegment name = arena.allocate(16);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 16);
            check((int) Libc.GETSOCKNAME.invokeExact(errno, fd, name, len), "getsockname");
            byte[] ip = name.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
            int port = Short.toUnsignedInt(Short.reverseBytes(name.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2)));
            local = new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (IOException e) {
            close();
            throw e;
        } catch (Throwable t) {
            close();
            throw new IOException("native socket call failed: " + t, t);
        }
    }

    public static DontFragmentUdpSocket open(InetSocketAddress to, Fragmentation mode) throws IOException {
        return new DontFragmentUdpSocket(to, mode);
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /** @return 0 when sent, else the errno ({@link #EMSGSIZE} when larger than the known path MTU with DF set) */
    public int send(byte[] data) {
        if (data.length > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("a UDP datagram holds at most " + MAX_DATAGRAM_BYTES + " bytes, not " + data.length);
        }
        MemorySegment.copy(data, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, data.length);
        try {
            long n = (long) Libc.SENDTO.invokeExact(errno, fd, sendBuffer.address(), (long) data.length, 0, MemorySegment.NULL, 0);
            return n < 0 ? lastErrno() : 0;
        } catch (Throwable t) {
            throw new IllegalStateException("send failed in native code", t);
        }
    }

    /** One datagram, or null after {@code timeout}; ICMP port unreachable shows as {@link ReceiveError}. */
    public byte[] receive(Duration timeout) throws ReceiveError {
        try {
            timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            timeval.set(ValueLayout.JAVA_LONG, 8, Math.max(1, timeout.toNanosPart() / 1000));
            check((int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval, 16), "setsockopt(SO_RCVTIMEO)");
            long n = (long) Libc.RECV.invokeExact(errno, fd, receiveBuffer, (long) MAX_DATAGRAM_BYTES, 0);
            if (n < 0) {
                int e = lastErrno();
                if (e == EAGAIN) return null;
                throw new ReceiveError(e);
            }
            return receiveBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        } catch (ReceiveError e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("recv failed in native code", t);
        }
    }

    /** The kernel's current path MTU to the peer (IP_MTU), or -1 when it cannot say. */
    public int pathMtu() {
        try {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) Libc.GETSOCKOPT.invokeExact(errno, fd, Libc.IPPROTO_IP, Libc.IP_MTU, value, len);
            return rc < 0 ? -1 : value.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    private MemorySegment sockaddr(Inet4Address address, int port) {
        MemorySegment s = arena.allocate(16);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) Libc.AF_INET);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, Short.reverseBytes((short) port));
        MemorySegment.copy(address.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return s;
    }

    private int lastErrno() {
        return Libc.errno(errno);
    }

    private void check(int rc, String call) throws IOException {
        if (rc < 0) {
            throw new IOException(call + " failed: errno " + lastErrno());
        }
    }

    @Override
    public void close() {
        try {
            if (Libc.CLOSE != null && fd > 0) {
                int ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
            }
        } catch (Throwable t) {
            // nothing more to do with a descriptor that will not close
        } finally {
            arena.close();
        }
    }

    /** recv failed with an errno other than a timeout. */
    public static final class ReceiveError extends Exception {
        public final int errno;

        ReceiveError(int errno) {
            super(errno == ECONNREFUSED ? "ICMP port unreachable (nothing listens there)" : "recv errno " + errno);
            this.errno = errno;
        }
    }
}
