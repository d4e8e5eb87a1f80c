package io.callready.wire.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Kernel software transmit timestamps of one socket ({@code SO_TIMESTAMPING} with TX_SOFTWARE | SOFTWARE | OPT_ID
 * | OPT_TSONLY | OPT_RX_FILTER): after each send the kernel queues the moment the datagram left the stack on the
 * socket's error queue, numbered by send (OPT_ID, from 0), without the payload (OPT_TSONLY); RX_FILTER keeps
 * receive stamps off the normal receive path, which keeps its {@code SO_TIMESTAMPNS} stamps as they were. Read
 * with {@code recvmsg(MSG_ERRQUEUE | MSG_DONTWAIT)}: an {@code SCM_TIMESTAMPING} control message (ts[0], wall
 * clock) and an {@code IP_RECVERR} / {@code IPV6_RECVERR} one whose {@code ee_data} is the send's number. Only
 * the thread that sends may read.
 */
public final class TxTimestamps {
    static final int SO_TIMESTAMPING = 37;
    private static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
    private static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    private static final int SOF_TIMESTAMPING_OPT_ID = 1 << 7;
    private static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;
    private static final int SOF_TIMESTAMPING_OPT_RX_FILTER = 1 << 17;
    private static final int MSG_ERRQUEUE = 0x2000;
    private static final int IP_RECVERR = 11;
    private static final int IPV6_RECVERR = 25;
    private static final int SO_EE_ORIGIN_TIMESTAMPING = 4;
    private static final int CONTROL_BYTES = 256;
    private static final int MSGHDR_BYTES = 56;

    /** One transmit stamp: the send's number (from 0 since {@link #enable}) and when it left, wall-clock ns. */
    public record Stamp(long sendNumber, long realtimeNanos) {
    }

    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment errno = Libc.errnoSegment(arena);
    private final MemorySegment msghdr = arena.allocate(MSGHDR_BYTES, 8);
    private final MemorySegment control = arena.allocate(CONTROL_BYTES, 8);
    private final MemorySegment option = arena.allocate(4, 4);
    private final ByteBuffer msghdrView = msghdr.asByteBuffer().order(ByteOrder.nativeOrder());
    private final ByteBuffer controlView = control.asByteBuffer().order(ByteOrder.nativeOrder());

    private TxTimestamps(int fd) {
        this.fd = fd;
        msghdr.set(ValueLayout.ADDRESS, 32, control);
    }

    /** Turns transmit stamps on for {@code socket}; null when the kernel refuses (then T1 stays a user-space stamp). */
    public static TxTimestamps enable(TimestampedUdpSocket socket) {
        TxTimestamps t = new TxTimestamps(socket.fd());
        t.option.set(ValueLayout.JAVA_INT, 0, SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE
                | SOF_TIMESTAMPING_OPT_ID | SOF_TIMESTAMPING_OPT_TSONLY | SOF_TIMESTAMPING_OPT_RX_FILTER);
        try {
            int r = (int) Libc.SETSOCKOPT.invokeExact(t.errno, t.fd, Libc.SOL_SOCKET, SO_TIMESTAMPING, t.option, 4);
            return r == 0 ? t : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * Drops every queued stamp and numbers sends from 0 again (turning OPT_ID off and on resets the kernel's
     * counter): after a failed send, which may or may not have used a number. False when the kernel refused.
     */
    public boolean restartNumbering() {
        while (poll() != null) {
            // dropped: which send each belongs to is no longer known
        }
        int flags = option.get(ValueLayout.JAVA_INT, 0);
        try {
            option.set(ValueLayout.JAVA_INT, 0, 0);
            int off = (int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET, SO_TIMESTAMPING, option, 4);
            option.set(ValueLayout.JAVA_INT, 0, flags);
            int on = (int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET, SO_TIMESTAMPING, option, 4);
            return off == 0 && on == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The next queued transmit stamp, or null when none is queued (or the socket is gone). */
    public Stamp poll() {
        while (true) {
            msghdrView.putLong(40, CONTROL_BYTES);
            msghdrView.putInt(48, 0);
            long n;
            try {
                n = (long) Libc.RECVMSG.invokeExact(errno, fd, msghdr, MSG_ERRQUEUE | Libc.MSG_DONTWAIT);
            } catch (Throwable e) {
                return null;
            }
            if (n < 0) {
                if (Libc.errno(errno) == Libc.EINTR) {
                    continue;
                }
                return null;
            }
            Stamp s = parse((int) Math.min(msghdrView.getLong(40), CONTROL_BYTES));
            if (s != null) {
                return s;
            }
            // an error-queue entry that is not a transmit stamp: skip it
        }
    }

    private Stamp parse(int controlLength) {
        long stamp = -1;
        long number = -1;
        for (int off = 0; off + 16 <= controlLength; ) {
            long cmsgLength = controlView.getLong(off);
            if (cmsgLength < 16 || off + cmsgLength > controlLength) {
                break;
            }
            int level = controlView.getInt(off + 8);
            int type = controlView.getInt(off + 12);
            if (level == Libc.SOL_SOCKET && type == SO_TIMESTAMPING && cmsgLength >= 16 + 48) {
                long sec = controlView.getLong(off + 16);
                long nsec = controlView.getLong(off + 24);
                if (sec != 0 || nsec != 0) {
                    stamp = sec * 1_000_000_000L + nsec;
                }
            } else if (((level == Libc.IPPROTO_IP && type == IP_RECVERR) || (level == Libc.IPPROTO_IPV6 && type == IPV6_RECVERR))
                    && cmsgLength >= 16 + 16 && (controlView.get(off + 16 + 4) & 0xFF) == SO_EE_ORIGIN_TIMESTAMPING) {
                number = controlView.getInt(off + 16 + 12) & 0xFFFF_FFFFL;
            }
            off += (int) ((cmsgLength + 7) & ~7L);
        }
        return stamp >= 0 && number >= 0 ? new Stamp(number, stamp) : null;
    }
}
