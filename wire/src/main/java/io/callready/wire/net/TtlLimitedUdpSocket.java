package io.callready.wire.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 UDP socket that sends datagrams with a chosen TTL and reads the ICMP errors they cause from the kernel's
 * error queue (Linux {@code IP_RECVERR}, no raw socket or root needed): who sent "time exceeded" for which TTL,
 * which is how a path's hops are found. The JDK sets no unicast TTL, so the socket is made with libc.
 */
public final class TtlLimitedUdpSocket implements AutoCloseable {
    private static final int IP_RECVERR = 11;
    private static final int MSG_ERRQUEUE = 0x2000;
    private static final int SO_EE_ORIGIN_ICMP = 2;
    private static final int MSGHDR_BYTES = 56;
    private static final int CONTROL_BYTES = 512;
    private static final int PAYLOAD_BYTES = 64;
    /** ENETUNREACH, ECONNREFUSED, EHOSTDOWN, EHOSTUNREACH: what pending ICMP errors surface as. */
    private static final java.util.Set<Integer> ICMP_ERRNOS = java.util.Set.of(101, 111, 112, 113);

    /** One ICMP error: the type/code (11/0 time exceeded, 3/3 port unreachable), who sent it, and our payload's first byte. */
    public record IcmpError(int type, int code, InetAddress from, byte[] payload) {
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoSegment(arena);
    private final MemorySegment sendBuffer = arena.allocate(PAYLOAD_BYTES);
    private final MemorySegment receiveBuffer = arena.allocate(PAYLOAD_BYTES);
    private final MemorySegment control = arena.allocate(CONTROL_BYTES, 8);
    private final MemorySegment msghdr = arena.allocate(MSGHDR_BYTES, 8);
    private final MemorySegment iovec = arena.allocate(16, 8);
    private final MemorySegment intValue = arena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment destination = arena.allocate(16);
    private final int fd;

    private TtlLimitedUdpSocket() throws IOException {
        if (Libc.unavailable() != null) throw new IOException("native UDP socket not available: " + Libc.unavailable());
        try {
            fd = (int) Libc.SOCKET.invokeExact(errno, Libc.AF_INET, Libc.SOCK_DGRAM, 0);
            check(fd, "socket");
            setInt(IP_RECVERR, 1, "setsockopt(IP_RECVERR)");
        } catch (IOException e) {
            close();
            throw e;
        } catch (Throwable t) {
            close();
            throw new IOException("native socket call failed: " + t, t);
        }
    }

    public static TtlLimitedUdpSocket open() throws IOException {
        return new TtlLimitedUdpSocket();
    }

    /** Sends {@code payload} (at most 64 bytes) to {@code to} with IP TTL {@code ttl}. */
    public void send(InetSocketAddress to, int ttl, byte[] payload) throws IOException {
        if (!(to.getAddress() instanceof Inet4Address v4)) throw new IOException("TTL-limited probes are IPv4 only; " + to + " is not");
        if (payload.length > PAYLOAD_BYTES) throw new IllegalArgumentException("at most " + PAYLOAD_BYTES + " bytes");
        try {
            setInt(Libc.IP_TTL, ttl, "setsockopt(IP_TTL)");
            destination.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) Libc.AF_INET);
            destination.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, Short.reverseBytes((short) to.getPort()));
            MemorySegment.copy(v4.getAddress(), 0, destination, ValueLayout.JAVA_BYTE, 4, 4);
            MemorySegment.copy(payload, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, payload.length);
            // an ICMP error of an earlier probe is also reported once by the next send: that send did not go out, repeat it
            for (int attempt = 0; ; attempt++) {
                long n = (long) Libc.SENDTO.invokeExact(errno, fd, sendBuffer.address(), (long) payload.length, 0, destination, 16);
                if (n >= 0) return;
                int e = Libc.errno(errno);
                if (!ICMP_ERRNOS.contains(e) || attempt == 3) throw new IOException("sendto failed: errno " + e);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native sendto failed: " + t, t);
        }
    }

    /** Every ICMP error queued so far (does not wait). */
    public List<IcmpError> drainErrors() throws IOException {
        List<IcmpError> errors = new ArrayList<>();
        try {
            while (true) {
                iovec.set(ValueLayout.ADDRESS, 0, receiveBuffer);
                iovec.set(ValueLayout.JAVA_LONG, 8, PAYLOAD_BYTES);
                msghdr.fill((byte) 0);
                msghdr.set(ValueLayout.ADDRESS, 16, iovec);
                msghdr.set(ValueLayout.JAVA_LONG, 24, 1);
                msghdr.set(ValueLayout.ADDRESS, 32, control);
                msghdr.set(ValueLayout.JAVA_LONG, 40, CONTROL_BYTES);
                long n = (long) Libc.RECVMSG.invokeExact(errno, fd, msghdr, MSG_ERRQUEUE | Libc.MSG_DONTWAIT);
                if (n < 0) {
                    if (Libc.errno(errno) == Libc.EAGAIN) return errors;
                    throw new IOException("recvmsg(MSG_ERRQUEUE) failed: errno " + Libc.errno(errno));
                }
                byte[] payload = receiveBuffer.asSlice(0, Math.min(n, PAYLOAD_BYTES)).toArray(ValueLayout.JAVA_BYTE);
                readControl(payload, errors);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native recvmsg failed: " + t, t);
        }
    }

    /** cmsghdr {len:8, level:4, type:4} then sock_extended_err {errno:4, origin, type, code, pad, info:4, data:4} and the offender's sockaddr_in. */
    private void readControl(byte[] payload, List<IcmpError> errors) throws IOException {
        long length = Math.min(msghdr.get(ValueLayout.JAVA_LONG, 40), CONTROL_BYTES);
        for (long at = 0; at + 16 <= length; ) {
            long cmsgLen = control.get(ValueLayout.JAVA_LONG, at);
            if (cmsgLen < 16 || at + cmsgLen > length) return;
            int level = control.get(ValueLayout.JAVA_INT, at + 8);
            int type = control.get(ValueLayout.JAVA_INT, at + 12);
            long data = at + 16;
            if (level == Libc.IPPROTO_IP && type == IP_RECVERR && cmsgLen >= 16 + 16 + 8
                    && control.get(ValueLayout.JAVA_BYTE, data + 4) == SO_EE_ORIGIN_ICMP
                    && control.get(ValueLayout.JAVA_SHORT_UNALIGNED, data + 16) == Libc.AF_INET) {
                byte[] from = control.asSlice(data + 20, 4).toArray(ValueLayout.JAVA_BYTE);
                errors.add(new IcmpError(control.get(ValueLayout.JAVA_BYTE, data + 5) & 0xFF, control.get(ValueLayout.JAVA_BYTE, data + 6) & 0xFF,
                        InetAddress.getByAddress(from), payload));
            }
            at += (cmsgLen + 7) & ~7L;
        }
    }

    private void setInt(int option, int value, String call) throws Throwable {
        intValue.set(ValueLayout.JAVA_INT, 0, value);
        check((int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.IPPROTO_IP, option, intValue, 4), call);
    }

    private void check(int rc, String call) throws IOException {
        if (rc < 0) throw new IOException(call + " failed: errno " + Libc.errno(errno));
    }

    @Override
    public void close() {
        try {
            if (fd > 0) {
                int ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
            }
        } catch (Throwable t) {
            // closing a socket we own cannot fail in a way the caller could act on
        }
        arena.close();
    }
}
