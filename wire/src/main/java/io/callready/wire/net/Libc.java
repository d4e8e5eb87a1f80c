package io.callready.wire.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The libc calls CallReady's native UDP sockets need, bound once through the FFM API. Every call captures errno
 * into a segment the caller passes first ({@link #errnoSegment}). Linux only (the constants are Linux's, the
 * structure layouts those of 64-bit Linux); {@link #unavailable()} says why when it cannot be used.
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_DGRAM = 2;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_TIMESTAMPNS = 35;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_RECVTTL = 12;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_RECVTOS = 13;
    public static final int IP_MTU = 14;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_RECVTCLASS = 66;
    public static final int IPV6_TCLASS = 67;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int SHUT_RDWR = 2;
    public static final int PR_SET_TIMERSLACK = 29;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int TIMER_ABSTIME = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EMSGSIZE = 90;
    public static final int ECONNREFUSED = 111;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Throwable UNAVAILABLE;
    static final MethodHandle SOCKET;
    static final MethodHandle SETSOCKOPT;
    static final MethodHandle GETSOCKOPT;
    static final MethodHandle BIND;
    static final MethodHandle CONNECT;
    static final MethodHandle GETSOCKNAME;
    static final MethodHandle SENDTO;
    static final MethodHandle RECVMSG;
    static final MethodHandle RECV;
    static final MethodHandle SHUTDOWN;
    static final MethodHandle CLOSE;
    static final MethodHandle PRCTL;
    static final MethodHandle CLOCK_NANOSLEEP;

    static {
        MethodHandle[] h = new MethodHandle[13];
        Throwable unavailable = null;
        try {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                throw new UnsupportedOperationException("native UDP sockets are Linux-only, this is " + System.getProperty("os.name"));
            }
            if (ValueLayout.ADDRESS.byteSize() != 8) {
                throw new UnsupportedOperationException("native UDP sockets need a 64-bit JVM");
            }
            SymbolLookup libc = LINKER.defaultLookup();
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            var p = ValueLayout.ADDRESS;
            h[0] = handle(libc, "socket", FunctionDescriptor.of(i, i, i, i));
            h[1] = handle(libc, "setsockopt", FunctionDescriptor.of(i, i, i, i, p, i));
            h[2] = handle(libc, "getsockopt", FunctionDescriptor.of(i, i, i, i, p, p));
            h[3] = handle(libc, "bind", FunctionDescriptor.of(i, i, p, i));
            h[4] = handle(libc, "connect", FunctionDescriptor.of(i, i, p, i));
            h[5] = handle(libc, "getsockname", FunctionDescriptor.of(i, i, p, p));
            // the data pointer is passed as a plain address (long): the hot path then needs no segment per packet
            h[6] = handle(libc, "sendto", FunctionDescriptor.of(l, i, l, l, i, p, i));
            h[7] = handle(libc, "recvmsg", FunctionDescriptor.of(l, i, p, i));
            h[8] = handle(libc, "shutdown", FunctionDescriptor.of(i, i, i));
            h[9] = handle(libc, "close", FunctionDescriptor.of(i, i));
            h[10] = handle(libc, "prctl", FunctionDescriptor.of(i, i, l, l, l, l));
            h[11] = handle(libc, "recv", FunctionDescriptor.of(l, i, p, l, i));
            // returns its error number instead of setting errno
            h[12] = LINKER.downcallHandle(libc.find("clock_nanosleep").orElseThrow(), FunctionDescriptor.of(i, i, i, p, p));
        } catch (RuntimeException | LinkageError e) {
            unavailable = e;
        }
        SOCKET = h[0];
        SETSOCKOPT = h[1];
        GETSOCKOPT = h[2];
        BIND = h[3];
        CONNECT = h[4];
        GETSOCKNAME = h[5];
        SENDTO = h[6];
        RECVMSG = h[7];
        SHUTDOWN = h[8];
        CLOSE = h[9];
        PRCTL = h[10];
        RECV = h[11];
        CLOCK_NANOSLEEP = h[12];
        UNAVAILABLE = unavailable;
    }

    private Libc() {
    }

    private static MethodHandle handle(SymbolLookup libc, String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(libc.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name)),
                fd, Linker.Option.captureCallState("errno"));
    }

    /** Null when the calls are bound, else why they cannot be. */
    public static String unavailable() {
        return UNAVAILABLE == null ? null : String.valueOf(UNAVAILABLE.getMessage());
    }

    /** A segment of the size the errno capture needs, allocated from {@code arena}. */
    public static MemorySegment errnoSegment(java.lang.foreign.Arena arena) {
        return arena.allocate(CAPTURE);
    }

    public static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /**
     * Lets the calling thread's timed sleeps end at their deadline instead of up to 50 µs later (Linux's default
     * timer slack), which the paced senders need. Best effort: false when the kernel refuses.
     */
    public static boolean preciseTimerSlack() {
        if (UNAVAILABLE != null) {
            return false;
        }
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            return (int) PRCTL.invokeExact(errnoSegment(arena), PR_SET_TIMERSLACK, 1L, 0L, 0L, 0L) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Sleeps until {@link System#nanoTime()} reaches {@code deadlineNanos} (both are Linux's CLOCK_MONOTONIC) with one
     * system call and no JVM lock; {@code timespec} is 16 bytes of the caller's. Returns early on a signal.
     *
     * @return false when the call is not available here (the caller parks instead)
     */
    public static boolean sleepUntilMonotonic(long deadlineNanos, MemorySegment timespec) {
        if (UNAVAILABLE != null) {
            return false;
        }
        timespec.set(ValueLayout.JAVA_LONG, 0, deadlineNanos / 1_000_000_000L);
        timespec.set(ValueLayout.JAVA_LONG, 8, deadlineNanos % 1_000_000_000L);
        try {
            int ignored = (int) CLOCK_NANOSLEEP.invokeExact(CLOCK_MONOTONIC, TIMER_ABSTIME, timespec, MemorySegment.NULL);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Short names for the errno values a UDP socket meets, for messages. */
    public static String describe(int errno) {
        return switch (errno) {
            case 1 -> "EPERM (operation not permitted)";
            case 13 -> "EACCES (permission denied)";
            case 22 -> "EINVAL (invalid argument)";
            case 97 -> "EAFNOSUPPORT (address family not supported)";
            case 98 -> "EADDRINUSE (address already in use)";
            case 99 -> "EADDRNOTAVAIL (address not available here)";
            case 101 -> "ENETUNREACH (network unreachable)";
            case 113 -> "EHOSTUNREACH (host unreachable)";
            case ECONNREFUSED -> "ECONNREFUSED (ICMP port unreachable: nothing listens there)";
            case EMSGSIZE -> "EMSGSIZE (larger than the path MTU with don't-fragment set)";
            case 105 -> "ENOBUFS (no buffer space)";
            default -> "errno " + errno;
        };
    }
}
