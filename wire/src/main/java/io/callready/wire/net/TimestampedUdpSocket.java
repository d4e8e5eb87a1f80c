package io.callready.wire.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * A UDP socket that reports, for each datagram it receives, the kernel's arrival time ({@code SO_TIMESTAMPNS})
 * and the TOS / traffic-class byte and TTL / hop limit it arrived with ({@code IP_RECVTOS}, {@code IP_RECVTTL} and
 * their IPv6 twins). The kernel stamps the datagram when it comes off the network, so a thread may collect it
 * later without the wait entering the measurement: a paced sender drains its replies between sends instead of
 * keeping a thread awake for each one, and the DSCP and TTL a packet really arrived with become visible (the
 * JDK can show none of this).
 *
 * <p>The per-packet path reads and writes the native structures through native-order {@link ByteBuffer} views
 * and caches the address of the caller's buffer: both stay cheap before the JIT has fully compiled the path,
 * which at 50 packets a second takes many bursts.
 *
 * <p>One thread receives at a time; sends may come from any thread. {@link #shutdown()} wakes a blocked receive;
 * {@link #close()} must only be called once no other thread uses the socket. Linux, 64-bit, IPv4 and IPv6.
 */
public final class TimestampedUdpSocket implements AutoCloseable {
    private static final int SOCKADDR_BYTES = 28;
    private static final int CONTROL_BYTES = 128;
    private static final int MSGHDR_BYTES = 56;

    /**
     * One received datagram.
     *
     * @param length         bytes placed in the buffer
     * @param realtimeNanos  kernel arrival time, nanoseconds since the Unix epoch (CLOCK_REALTIME), or -1 if absent
     * @param tos            IPv4 TOS / IPv6 traffic class byte it arrived with, or -1 if the kernel did not say
     * @param ttl            IPv4 TTL / IPv6 hop limit it arrived with, or -1 if the kernel did not say
     * @param source         who sent it
     * @param truncated      the datagram was larger than the buffer
     */
    public record Datagram(int length, long realtimeNanos, int tos, int ttl, InetSocketAddress source, boolean truncated) {
    }

    private final int family;
    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment receiveErrno = Libc.errnoSegment(arena);
    private final MemorySegment msghdr = arena.allocate(MSGHDR_BYTES, 8);
    private final MemorySegment iovec = arena.allocate(16, 8);
    private final MemorySegment control = arena.allocate(CONTROL_BYTES, 8);
    private final MemorySegment sourceName = arena.allocate(SOCKADDR_BYTES, 8);
    private final MemorySegment lastSourceName = arena.allocate(SOCKADDR_BYTES, 8);
    private final Object sendLock = new Object();
    private final MemorySegment sendErrno = Libc.errnoSegment(arena);
    private final MemorySegment sendName = arena.allocate(SOCKADDR_BYTES, 8);
    private final MemorySegment destinationName = arena.allocate(SOCKADDR_BYTES, 8);
    private final MemorySegment optionValue = arena.allocate(16, 8);
    private final ByteBuffer msghdrView = view(msghdr);
    private final ByteBuffer iovecView = view(iovec);
    private final ByteBuffer controlView = view(control);
    private final ByteBuffer sourceView = view(sourceName);
    private final ByteBuffer lastSourceView = view(lastSourceName);
    private final BufferAddress receiveBuffer = new BufferAddress();
    private final BufferAddress sendBuffer = new BufferAddress();
    private InetSocketAddress lastDestination;
    private int lastDestinationLength;
    private InetSocketAddress lastSource;
    private volatile boolean shutdown;
    private boolean closed;

    private TimestampedUdpSocket(int family) throws IOException {
        String why = Libc.unavailable();
        if (why != null) {
            throw new IOException("timestamped UDP sockets are not available here: " + why);
        }
        this.family = family;
        MemorySegment errno = Libc.errnoSegment(arena);
        int s;
        try {
            s = (int) Libc.SOCKET.invokeExact(errno, family, Libc.SOCK_DGRAM, 0);
        } catch (Throwable t) {
            throw new IOException("socket() failed in native code: " + t, t);
        }
        if (s < 0) {
            throw new IOException("cannot open a UDP socket: " + Libc.describe(Libc.errno(errno)));
        }
        this.fd = s;
        msghdr.set(ValueLayout.ADDRESS, 0, sourceName);
        msghdr.set(ValueLayout.ADDRESS, 16, iovec);
        msghdr.set(ValueLayout.JAVA_LONG, 24, 1);
        msghdr.set(ValueLayout.ADDRESS, 32, control);
    }

    /**
     * An unbound socket of the family of {@code peer} (the address it will talk to or bind), with arrival time and
     * TOS reporting on.
     */
    public static TimestampedUdpSocket open(InetAddress peer) throws IOException {
        TimestampedUdpSocket s = new TimestampedUdpSocket(familyOf(peer));
        try {
            s.enableArrivalInfo();
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A socket bound to {@code local}; an IPv6 wildcard also receives IPv4 (as the kernel's default allows). */
    public static TimestampedUdpSocket bind(InetSocketAddress local) throws IOException {
        TimestampedUdpSocket s = open(local.getAddress());
        try {
            s.bindLocal(local);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Binds to local port {@code port} on every address of the socket's family. */
    public void bindLocalPort(int port) throws IOException {
        bindLocal(new InetSocketAddress(family == Libc.AF_INET ? "0.0.0.0" : "::", port));
    }

    /**
     * Sends to and receives from {@code remote} only. A refused port is reported later, by a send or receive
     * ({@link PortUnreachableException}).
     */
    public void connect(InetSocketAddress remote) throws IOException {
        withAddress(Libc.CONNECT, remote, "connect to " + describe(remote));
    }

    /** Calls {@code bind} or {@code connect} (same C signature) with {@code address}; {@code what} heads the error. */
    private void withAddress(MethodHandle call, InetSocketAddress address, String what) throws IOException {
        synchronized (sendLock) {
            int len = encode(sendName, address);
            int rc;
            try {
                rc = (int) call.invokeExact(sendErrno, fd, sendName, len);
            } catch (Throwable t) {
                throw new IOException(what + ": failed in native code: " + t, t);
            }
            check(rc, sendErrno, what);
        }
    }

    private static int familyOf(InetAddress address) throws IOException {
        if (address == null) {
            throw new UnknownHostException("unresolved address");
        }
        return address instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }

    private void enableArrivalInfo() throws IOException {
        setIntOption(Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
        if (family == Libc.AF_INET) {
            setIntOption(Libc.IPPROTO_IP, Libc.IP_RECVTOS, 1, "IP_RECVTOS");
            setIntOption(Libc.IPPROTO_IP, Libc.IP_RECVTTL, 1, "IP_RECVTTL");
        } else {
            setIntOption(Libc.IPPROTO_IPV6, Libc.IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS");
            setIntOption(Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            trySetIntOption(Libc.IPPROTO_IP, Libc.IP_RECVTOS, 1);
            trySetIntOption(Libc.IPPROTO_IP, Libc.IP_RECVTTL, 1);
        }
    }

    private void bindLocal(InetSocketAddress local) throws IOException {
        withAddress(Libc.BIND, local, "cannot bind udp " + describe(local));
    }

    /** Marks what this socket sends with TOS / traffic class {@code tos}; false when the kernel refuses. */
    public boolean setTos(int tos) {
        boolean ok = trySetIntOption(family == Libc.AF_INET ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6,
                family == Libc.AF_INET ? Libc.IP_TOS : Libc.IPV6_TCLASS, tos);
        if (family == Libc.AF_INET6) {
            trySetIntOption(Libc.IPPROTO_IP, Libc.IP_TOS, tos);
        }
        return ok;
    }

    public void setReceiveBuffer(int bytes) throws IOException {
        setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes, "SO_RCVBUF");
    }

    /** How long a waiting {@link #receive} blocks before it returns null; zero waits for ever. */
    public void setReceiveTimeout(Duration timeout) throws IOException {
        synchronized (sendLock) {
            optionValue.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            optionValue.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            try {
                check((int) Libc.SETSOCKOPT.invokeExact(sendErrno, fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, optionValue, 16),
                        sendErrno, "setsockopt(SO_RCVTIMEO)");
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("setsockopt failed in native code: " + t, t);
            }
        }
    }

    private void setIntOption(int level, int name, int value, String what) throws IOException {
        if (!trySetIntOption(level, name, value)) {
            throw new IOException("setsockopt(" + what + ") failed: " + Libc.describe(Libc.errno(sendErrno)));
        }
    }

    private boolean trySetIntOption(int level, int name, int value) {
        synchronized (sendLock) {
            optionValue.set(ValueLayout.JAVA_INT, 0, value);
            try {
                return (int) Libc.SETSOCKOPT.invokeExact(sendErrno, fd, level, name, optionValue, 4) == 0;
            } catch (Throwable t) {
                return false;
            }
        }
    }

    public InetSocketAddress localAddress() throws IOException {
        synchronized (sendLock) {
            MemorySegment len = optionValue;
            len.set(ValueLayout.JAVA_INT, 0, SOCKADDR_BYTES);
            try {
                check((int) Libc.GETSOCKNAME.invokeExact(sendErrno, fd, sendName, len), sendErrno, "getsockname");
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("getsockname failed in native code: " + t, t);
            }
            return decode(sendName);
        }
    }

    /** The file descriptor, for {@link TxTimestamps} on the same socket. */
    int fd() {
        return fd;
    }

    /** Sends {@code data} (its remaining bytes; a direct buffer) to the connected peer. */
    public void send(ByteBuffer data) throws IOException {
        sendTo(data, null);
    }

    /**
     * Sends {@code data} (its remaining bytes; a direct buffer) to {@code to}, or to the connected peer when null.
     *
     * @throws PortUnreachableException an ICMP port unreachable came back for an earlier datagram (connected only)
     */
    public void sendTo(ByteBuffer data, InetSocketAddress to) throws IOException {
        if (shutdown) {
            throw new ClosedChannelException();
        }
        synchronized (sendLock) {
            long address = sendBuffer.of(data) + data.position();
            if (to != null && to != lastDestination) {
                // a reflector answers the address object it just received from, so this encodes once per peer
                lastDestination = null;
                lastDestinationLength = encode(destinationName, to);
                lastDestination = to;
            }
            int nameLength = to == null ? 0 : lastDestinationLength;
            MemorySegment name = to == null ? MemorySegment.NULL : destinationName;
            long n;
            do {
                try {
                    n = (long) Libc.SENDTO.invokeExact(sendErrno, fd, address, (long) data.remaining(), 0, name, nameLength);
                } catch (Throwable t) {
                    throw new IOException("sendto failed in native code: " + t, t);
                }
            } while (n < 0 && Libc.errno(sendErrno) == Libc.EINTR);
            if (n < 0) {
                throw error(Libc.errno(sendErrno), "send");
            }
        }
        data.position(data.limit());
    }

    /**
     * Receives one datagram into {@code into} (a direct buffer; its position advances by the length).
     *
     * @param wait false to return at once when nothing is queued; true to block up to the receive timeout
     * @return the datagram's arrival information, or null when nothing came
     * @throws ClosedChannelException   the socket was shut down
     * @throws PortUnreachableException an ICMP port unreachable came back (connected sockets only)
     */
    public Datagram receive(ByteBuffer into, boolean wait) throws IOException {
        if (shutdown) {
            throw new ClosedChannelException();
        }
        int position = into.position();
        int room = into.remaining();
        iovecView.putLong(0, receiveBuffer.of(into) + position);
        iovecView.putLong(8, room);
        long n;
        do {
            msghdrView.putInt(8, SOCKADDR_BYTES);
            msghdrView.putLong(40, CONTROL_BYTES);
            msghdrView.putInt(48, 0);
            try {
                n = (long) Libc.RECVMSG.invokeExact(receiveErrno, fd, msghdr, wait ? 0 : Libc.MSG_DONTWAIT);
            } catch (Throwable t) {
                throw new IOException("recvmsg failed in native code: " + t, t);
            }
        } while (n < 0 && Libc.errno(receiveErrno) == Libc.EINTR && !shutdown);
        if (shutdown) {
            throw new ClosedChannelException();
        }
        if (n < 0) {
            int e = Libc.errno(receiveErrno);
            if (e == Libc.EAGAIN) {
                return null;
            }
            throw error(e, "receive");
        }
        int length = (int) Math.min(n, room);
        into.position(position + length);
        boolean truncated = (msghdrView.getInt(48) & Libc.MSG_TRUNC) != 0;
        long stamp = -1;
        int tos = -1;
        int ttl = -1;
        int controlLength = (int) Math.min(msghdrView.getLong(40), CONTROL_BYTES);
        for (int off = 0; off + 16 <= controlLength; ) {
            long cmsgLength = controlView.getLong(off);
            if (cmsgLength < 16 || off + cmsgLength > controlLength) {
                break;
            }
            int level = controlView.getInt(off + 8);
            int type = controlView.getInt(off + 12);
            if (level == Libc.SOL_SOCKET && type == Libc.SO_TIMESTAMPNS && cmsgLength >= 32) {
                stamp = controlView.getLong(off + 16) * 1_000_000_000L + controlView.getLong(off + 24);
            } else if (level == Libc.IPPROTO_IP && type == Libc.IP_TOS) {
                tos = Byte.toUnsignedInt(controlView.get(off + 16));
            } else if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_TCLASS && cmsgLength >= 20) {
                tos = controlView.getInt(off + 16) & 0xFF;
            } else if (level == Libc.IPPROTO_IP && type == Libc.IP_TTL && cmsgLength >= 20) {
                ttl = controlView.getInt(off + 16) & 0xFF;
            } else if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT && cmsgLength >= 20) {
                ttl = controlView.getInt(off + 16) & 0xFF;
            }
            off += (int) ((cmsgLength + 7) & ~7L);
        }
        return new Datagram(length, stamp, tos, ttl, source(), truncated);
    }

    /** The sender's address; the last one is reused while it repeats, as a reflector's peers do. */
    private InetSocketAddress source() throws IOException {
        if (lastSource == null || sourceView.getLong(0) != lastSourceView.getLong(0) || sourceView.getLong(8) != lastSourceView.getLong(8)
                || sourceView.getLong(16) != lastSourceView.getLong(16) || sourceView.getInt(24) != lastSourceView.getInt(24)) {
            lastSource = decode(sourceName);
            MemorySegment.copy(sourceName, 0, lastSourceName, 0, SOCKADDR_BYTES);
        }
        return lastSource;
    }

    private static ByteBuffer view(MemorySegment segment) {
        return segment.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /** The native address of a direct buffer's first byte, remembered while the caller keeps using the same buffer. */
    private static final class BufferAddress {
        private ByteBuffer buffer;
        private long address;

        long of(ByteBuffer b) {
            if (b != buffer) {
                if (!b.isDirect()) {
                    throw new IllegalArgumentException("a native socket needs a direct buffer");
                }
                address = MemorySegment.ofBuffer(b.duplicate().clear()).address();
                buffer = b;
            }
            return address;
        }
    }

    /** Wakes a blocked {@link #receive} and refuses further use; the descriptor stays open until {@link #close()}. */
    public void shutdown() {
        shutdown = true;
        try {
            int ignored = (int) Libc.SHUTDOWN.invokeExact(sendErrno, fd, Libc.SHUT_RDWR);
        } catch (Throwable t) {
            // the socket is being abandoned either way
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown();
        try {
            int ignored = (int) Libc.CLOSE.invokeExact(sendErrno, fd);
        } catch (Throwable t) {
            // nothing more to do with a descriptor that will not close
        }
    }

    private int encode(MemorySegment name, InetSocketAddress address) throws IOException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new UnknownHostException("unresolved address " + address.getHostString());
        }
        name.fill((byte) 0);
        short port = Short.reverseBytes((short) address.getPort());
        if (family == Libc.AF_INET) {
            if (!(ip instanceof Inet4Address)) {
                throw new IOException("an IPv4 socket cannot reach " + ip.getHostAddress());
            }
            name.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
            name.set(ValueLayout.JAVA_SHORT, 2, port);
            MemorySegment.copy(ip.getAddress(), 0, name, ValueLayout.JAVA_BYTE, 4, 4);
            return 16;
        }
        name.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
        name.set(ValueLayout.JAVA_SHORT, 2, port);
        byte[] raw = ip.getAddress();
        if (raw.length == 4) {
            name.set(ValueLayout.JAVA_BYTE, 18, (byte) 0xFF);
            name.set(ValueLayout.JAVA_BYTE, 19, (byte) 0xFF);
            MemorySegment.copy(raw, 0, name, ValueLayout.JAVA_BYTE, 20, 4);
        } else {
            MemorySegment.copy(raw, 0, name, ValueLayout.JAVA_BYTE, 8, 16);
            name.set(ValueLayout.JAVA_INT, 24, ((Inet6Address) ip).getScopeId());
        }
        return SOCKADDR_BYTES;
    }

    private static InetSocketAddress decode(MemorySegment name) throws IOException {
        int port = Short.toUnsignedInt(Short.reverseBytes(name.get(ValueLayout.JAVA_SHORT, 2)));
        if (name.get(ValueLayout.JAVA_SHORT, 0) == Libc.AF_INET) {
            return new InetSocketAddress(InetAddress.getByAddress(name.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE)), port);
        }
        byte[] raw = name.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
        int scope = name.get(ValueLayout.JAVA_INT, 24);
        InetAddress ip = InetAddress.getByAddress(raw);
        return new InetSocketAddress(scope != 0 && ip instanceof Inet6Address ? Inet6Address.getByAddress(null, raw, scope) : ip, port);
    }

    private void check(int rc, MemorySegment errno, String what) throws IOException {
        if (rc < 0) {
            throw new IOException(what + ": " + Libc.describe(Libc.errno(errno)));
        }
    }

    private static IOException error(int errno, String what) {
        return errno == Libc.ECONNREFUSED ? new PortUnreachableException(Libc.describe(errno))
                : new IOException(what + " failed: " + Libc.describe(errno));
    }

    private static String describe(InetSocketAddress a) {
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + " port " + a.getPort();
    }
}
