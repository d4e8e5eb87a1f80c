package io.callready.wire.clock;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The kernel's clock status from {@code ntp_adjtime(2)} with no modes set (read-only, no privilege needed), through
 * the FFM API. Linux x86-64/aarch64 {@code struct timex} layout: maxerror at byte 24, status at 40; the call returns
 * the clock state, TIME_ERROR (5) when unsynchronised. Anything that fails gives {@link ClockSync#UNKNOWN}.
 */
public final class KernelClockSync implements ClockSync.Source {
    public static final KernelClockSync INSTANCE = new KernelClockSync();
    private static final int TIMEX_BYTES = 256;
    private static final long MAXERROR_OFFSET = 24;
    private static final long STATUS_OFFSET = 40;
    private static final int TIME_ERROR = 5;
    private static final int STA_UNSYNC = 0x0040;
    private static final MethodHandle NTP_ADJTIME = bind();

    private KernelClockSync() {
    }

    private static MethodHandle bind() {
        try {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || ValueLayout.ADDRESS.byteSize() != 8) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("ntp_adjtime")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public ClockSync read() {
        if (NTP_ADJTIME == null) {
            return ClockSync.UNKNOWN;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timex = arena.allocate(TIMEX_BYTES, 8);
            int state = (int) NTP_ADJTIME.invokeExact(timex);
            if (state < 0) {
                return ClockSync.UNKNOWN;
            }
            int status = timex.get(ValueLayout.JAVA_INT, STATUS_OFFSET);
            long maxErrorMicros = timex.get(ValueLayout.JAVA_LONG, MAXERROR_OFFSET);
            return state != TIME_ERROR && (status & STA_UNSYNC) == 0
                    ? ClockSync.synchronisedWithin(maxErrorMicros) : ClockSync.unsynchronised();
        } catch (Throwable e) {
            return ClockSync.UNKNOWN;
        }
    }
}
