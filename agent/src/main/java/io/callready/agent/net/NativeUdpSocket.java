package io.callready.agent.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A connected IPv4 UDP socket made directly with libc through the FFM API, because the JDK has no portable way
 * to choose the don't-fragment behaviour (Linux {@code IP_MTU_DISCOVER}) or read the kernel's path MTU
 * ({@code IP_MTU}). Creating the socket ourselves avoids reaching into JDK internals for a file descriptor.
 * Linux only; {@link #supported()} says whether it can be used here.
 */
public final class NativeUdpSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int IPPROTO_IP = 0;
    private static final int IP_MTU_DISCOVER = 10;
    private static final int IP_MTU = 14;
    public static final int EAGAIN = 11;
    public static final int EMSGSIZE = 90;
    public static final int ECONNREFUSED = 111;

    /** {@code IP_PMTUDISC_DONT}: never set DF, let the kernel fragment. {@code IP_PMTUDISC_DO}: always set DF. */
    public enum Fragmentation {
        ALLOWED(0), DONT_FRAGMENT(2);

        final int value;

        Fragmentation(int value) {
            this.value = value;
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle GETSOCKOPT;
    private static final MethodHandle CONNECT;
    private static final MethodHandle GETSOCKNAME;
    private static final MethodHandle SEND;
    private static final MethodHandle RECV;
    private static final MethodHandle CLOSE;
    private static final Throwable UNAVAILABLE;

    static {
        MethodHandle socket = null, setsockopt = null, getsockopt = null, connect = null, getsockname = null, send = null, recv = null, close = null;
        Throwable unavailable = null;
        try {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                throw new UnsupportedOperationException("IP_MTU_DISCOVER is Linux-only");
            }
            SymbolLookup libc = LINKER.defaultLookup();
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            var p = ValueLayout.ADDRESS;
            socket = handle(libc, "socket", FunctionDescriptor.of(i, i, i, i));
            setsockopt = handle(libc, "setsockopt", FunctionDescriptor.of(i, i, i, i, p, i));
            getsockopt = handle(libc, "getsockopt", FunctionDescriptor.of(i, i, i, i, p, p));
            connect = handle(libc, "connect", FunctionDescriptor.of(i, i, p, i));
            getsockname = handle(libc, "getsockname", FunctionDescriptor.of(i, i, p, p));
            send = handle(libc, "send", FunctionDescriptor.of(l, i, p, l, i));
            recv = handle(libc, "recv", FunctionDescriptor.of(l, i, p, l, i));
            close = handle(libc, "close", FunctionDescriptor.of(i, i));
        } catch (RuntimeException | LinkageError e) {
            unavailable = e;
        }
        SOCKET = socket;
        SETSOCKOPT = setsockopt;
        GETSOCKOPT = getsockopt;
        CONNECT = connect;
        GETSOCKNAME = getsockname;
        SEND = send;
        RECV = recv;
        CLOSE = close;
        UNAVAILABLE = unavailable;
    }

    private static MethodHandle handle(SymbolLookup libc, String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(libc.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name)),
                fd, ERRNO_OPTION);
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = arena.allocate(CAPTURE);
    private final int fd;
    private final InetSocketAddress local;

    /** Null when this platform can use the socket, else why not. */
    public static String supported() {
        return UNAVAILABLE == null ? null : String.valueOf(UNAVAILABLE.getMessage());
    }

    private NativeUdpSocket(InetSocketAddress to, Fragmentation mode) throws IOException {
        if (UNAVAILABLE != null) {
            throw new IOException("native UDP socket not available: " + UNAVAILABLE.getMessage());
        }
        if (!(to.getAddress() instanceof Inet4Address v4)) {
            throw new IOException("the don't-fragment test is IPv4 only; " + to + " is not IPv4");
        }
        try {
            fd = (int) SOCKET.invokeExact(errno, AF_INET, SOCK_DGRAM, 0);
            check(fd, "socket");
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            value.set(ValueLayout.JAVA_INT, 0, mode.value);
            check((int) SETSOCKOPT.invokeExact(errno, fd, IPPROTO_IP, IP_MTU_DISCOVER, value, 4), "setsockopt(IP_MTU_DISCOVER)");
            MemorySegment addr = sockaddr(v4, to.getPort());
            check((int) CONNECT.invokeExact(errno, fd, addr, 16), "connect");
            MemorySegment name = arena.allocate(16);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 16);
            check((int) GETSOCKNAME.invokeExact(errno, fd, name, len), "getsockname");
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

    public static NativeUdpSocket open(InetSocketAddress to, Fragmentation mode) throws IOException {
        return new NativeUdpSocket(to, mode);
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /** @return 0 when sent, else the errno ({@link #EMSGSIZE} when larger than the known path MTU with DF set) */
    public int send(byte[] data) {
        MemorySegment buf = arena.allocate(Math.max(1, data.length));
        MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
        try {
            long n = (long) SEND.invokeExact(errno, fd, buf, (long) data.length, 0);
            return n < 0 ? lastErrno() : 0;
        } catch (Throwable t) {
            throw new IllegalStateException("send failed in native code", t);
        }
    }

    /** One datagram, or null after {@code timeout}; ICMP port unreachable shows as {@link ReceiveError}. */
    public byte[] receive(Duration timeout) throws ReceiveError {
        try {
            MemorySegment tv = arena.allocate(16);
            tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            tv.set(ValueLayout.JAVA_LONG, 8, Math.max(1, timeout.toNanosPart() / 1000));
            check((int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16), "setsockopt(SO_RCVTIMEO)");
            MemorySegment buf = arena.allocate(65_536);
            long n = (long) RECV.invokeExact(errno, fd, buf, 65_536L, 0);
            if (n < 0) {
                int e = lastErrno();
                if (e == EAGAIN) return null;
                throw new ReceiveError(e);
            }
            return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
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
            int rc = (int) GETSOCKOPT.invokeExact(errno, fd, IPPROTO_IP, IP_MTU, value, len);
            return rc < 0 ? -1 : value.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            return -1;
        }
    }

    private MemorySegment sockaddr(Inet4Address address, int port) {
        MemorySegment s = arena.allocate(16);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) AF_INET);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, Short.reverseBytes((short) port));
        MemorySegment.copy(address.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 4, 4);
        return s;
    }

    private int lastErrno() {
        return (int) ERRNO.get(errno, 0L);
    }

    private void check(int rc, String call) throws IOException {
        if (rc < 0) {
            throw new IOException(call + " failed: errno " + lastErrno());
        }
    }

    @Override
    public void close() {
        try {
            if (CLOSE != null && fd > 0) {
                int ignored = (int) CLOSE.invokeExact(errno, fd);
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
